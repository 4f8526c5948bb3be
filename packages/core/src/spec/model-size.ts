const SIZE = /^(\d+)(?:[_.](\d+))?\s*b?$/i;

/**
 * Reads a model size in billions of parameters: a number, or a string in Xinference's `"1_5"`
 * form (also `"1.5"` and `"7b"`). Returns undefined when the string is not a size.
 */
export function parseSizeInBillions(value: number | string): number | undefined {
  if (typeof value === 'number') return Number.isFinite(value) && value > 0 ? value : undefined;
  const match = SIZE.exec(value.trim());
  if (!match) return undefined;
  const size = Number(match[2] === undefined ? match[1] : `${match[1]}.${match[2]}`);
  return size > 0 ? size : undefined;
}
