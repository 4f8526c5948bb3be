import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll } from 'vitest';

/** A temporary folder for one test file, removed after it; `fileWith` writes a file into it. */
export function useTempFiles(prefix: string) {
  let dir = '';
  let counter = 0;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), prefix));
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));
  return {
    dir: () => dir,
    fileWith: async (bytes: Buffer | string, name = `model-${counter++}.gguf`): Promise<string> => {
      const path = join(dir, name);
      await writeFile(path, bytes);
      return path;
    },
  };
}
