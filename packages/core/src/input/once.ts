/**
 * `build` run on the first call, its result kept for every later one. Schemas are built this way
 * (behind `z.lazy`): building zod schemas is a noticeable share of a CLI run that never parses them.
 */
export function once<T>(build: () => T): () => T {
  let built: { value: T } | undefined;
  return () => {
    built ??= { value: build() };
    return built.value;
  };
}
