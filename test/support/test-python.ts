import { inject } from 'vitest';

/** The tests' Python interpreter (built by global-setup.ts); throws why there is none. */
export function testPython(): string {
  const provided = inject('testPython');
  if ('error' in provided) throw new Error(provided.error);
  return provided.python;
}
