import type { Backend } from '@switchyard/core';

/**
 * An engine's place in selection order (preferences first, then priority, as `select` ranks
 * eligible engines), so that classes choosing different engines compare as one host's engines do.
 */
export function engineRank(backends: readonly Backend[], prefer: readonly string[]): (name: string) => number {
  const preference = (name: string) => (prefer.includes(name) ? prefer.indexOf(name) : prefer.length);
  const order = [...backends]
    .sort((a, b) => preference(a.name) - preference(b.name) || b.priority - a.priority || a.name.localeCompare(b.name))
    .map((backend) => backend.name);
  return (name) => order.indexOf(name);
}
