import { dirname, resolve } from 'node:path';
import type { Catalog } from '@switchyard/core';
import { readJsonFile } from './read-json-file.js';

export interface CatalogFlags {
  /** JSON file with custom models (one object or a list) to add to the catalog. */
  readonly modelFile?: string;
}

/** Adds the custom models of `--model-file` to the catalog. */
export async function addModelFile(catalog: Catalog, flags: CatalogFlags, cwd: string): Promise<Catalog> {
  if (flags.modelFile === undefined) return catalog;
  const custom = await readJsonFile(flags.modelFile, '--model-file', cwd);
  // Paths in the file are the file's own: they resolve from its folder, as the config file's do.
  await catalog.registerFolders(custom, `--model-file ${flags.modelFile}`, dirname(resolve(cwd, flags.modelFile)));
  return catalog;
}
