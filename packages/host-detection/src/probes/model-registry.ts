import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { ModelRegistrySource } from '@switchyard/core';

const EVERY_PYTHON_FILE = /^(.*)\/\*\.py$/;

/**
 * The architectures an installed engine's registry lists, read from its source files, sorted;
 * empty when none of the files is there (a layout the plugin does not know), so that the plugin's
 * own list applies instead.
 */
export async function readModelRegistry(source: ModelRegistrySource, folder: string): Promise<string[]> {
  const texts = await Promise.all(source.files.map((file) => readFiles(folder, file)));
  const names = new Set(texts.flat().flatMap((text) => source.architecturesIn(text)));
  return [...names].sort();
}

async function readFiles(folder: string, file: string): Promise<string[]> {
  const every = EVERY_PYTHON_FILE.exec(file);
  const paths = every
    ? await readdir(join(folder, every[1] as string)).then(
        (names) => names.filter((name) => name.endsWith('.py')).map((name) => join(folder, every[1] as string, name)),
        () => [],
      )
    : [join(folder, file)];
  return Promise.all(paths.map((path) => readFile(path, 'utf8').catch(() => '')));
}
