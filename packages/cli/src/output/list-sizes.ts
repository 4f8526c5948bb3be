/** Sizes in billions as people read them: ascending, once each, e.g. `0.5, 7, 72B`. */
export function listSizes(sizes: Iterable<number>): string {
  const sorted = [...new Set(sizes)].sort((a, b) => a - b);
  return sorted.length === 0 ? '' : `${sorted.join(', ')}B`;
}
