/** Up to `limit` names that look like `query` (by edit distance, or starting with it), closest first. */
export function closestNames(query: string, names: readonly string[], limit = 3): string[] {
  const wanted = query.trim().toLowerCase();
  if (wanted === '') return [];
  return names
    .map((name) => {
      const lower = name.toLowerCase();
      const distance = lower.startsWith(wanted) ? 0 : editDistance(wanted, lower);
      return { name, distance };
    })
    .filter(({ distance }) => distance <= Math.max(2, Math.floor(wanted.length / 3)))
    .sort((a, b) => a.distance - b.distance || a.name.length - b.name.length)
    .slice(0, limit)
    .map(({ name }) => name);
}

function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const substitution = (previous[j - 1] ?? 0) + (a[i - 1] === b[j - 1] ? 0 : 1);
      current[j] = Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, substitution);
    }
    previous = current;
  }
  return previous[b.length] ?? 0;
}
