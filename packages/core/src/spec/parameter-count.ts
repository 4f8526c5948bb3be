/** A parameter count as people write it: `7B`, `1.5B`, `0.5B`, `135M`, `121K`. */
export function formatParameterCount(count: number): string {
  const [unit, suffix] = count >= 5e8 ? [1e9, 'B'] : count >= 1e6 ? [1e6, 'M'] : count >= 1e3 ? [1e3, 'K'] : [1, ''];
  return `${Number((count / unit).toPrecision(3))}${suffix}`;
}
