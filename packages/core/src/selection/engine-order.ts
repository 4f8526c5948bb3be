/** What the engine order reads of a backend. */
export interface Ranked {
  readonly name: string;
  readonly priority: number;
}

/**
 * The one order of engines, shared by selection, catalog resolution and `engines`: engines named in
 * `prefer` first, in that order; then higher priority; then name, alphabetically, so that equal
 * priorities still give the same answer on every run.
 */
export function engineOrder(prefer: readonly string[] = []): (a: Ranked, b: Ranked) => number {
  const preference = (name: string) => {
    const index = prefer.indexOf(name);
    return index === -1 ? prefer.length : index;
  };
  return (a, b) => preference(a.name) - preference(b.name) || b.priority - a.priority || a.name.localeCompare(b.name);
}
