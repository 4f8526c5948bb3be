import { dirname, resolve } from 'node:path';
import { type Backend, type Catalog, type HostInfo, loadCatalog, resolveCatalogModel } from '@switchyard/core';
import type { ModelFlags, ResolvedModel } from './model-input.js';
import { readJsonFile } from './read-json-file.js';

export interface CatalogFlags {
  /** JSON file with custom models (one object or a list) to add to the catalog. */
  readonly modelFile?: string;
}

/** The builtin catalog plus the custom models of `--model-file`. */
export async function loadCatalogWith(flags: CatalogFlags, cwd: string): Promise<Catalog> {
  const [catalog, custom] = await Promise.all([
    loadCatalog(),
    flags.modelFile === undefined ? undefined : readJsonFile(flags.modelFile, '--model-file', cwd),
  ]);
  if (custom !== undefined && flags.modelFile !== undefined) {
    // Paths in the file are the file's own: they resolve from its folder, as the config file's do.
    await catalog.registerFolders(custom, `--model-file ${flags.modelFile}`, dirname(resolve(cwd, flags.modelFile)));
  }
  return catalog;
}

/**
 * The catalog MODEL may be resolved against, or undefined when the flags say the model is described
 * otherwise (`--spec-file`, `--family`) or MODEL is a path; loading only then keeps other runs fast.
 */
export function catalogFor(
  model: string | undefined,
  flags: ModelFlags & CatalogFlags,
  cwd: string,
): Promise<Catalog | undefined> {
  const describedElsewhere = flags.specFile !== undefined || flags.family !== undefined;
  const isPath = model !== undefined && /[\\/]|\.gguf$/i.test(model);
  if (flags.modelFile === undefined && (model === undefined || describedElsewhere || isPath)) {
    return Promise.resolve(undefined);
  }
  return loadCatalogWith(flags, cwd);
}

/**
 * MODEL as a catalog model: the best spec for this host's engines, narrowed by --format, --size and
 * --quantization, with a note saying which spec and why. Undefined when MODEL is not in the catalog.
 */
export function resolveFromCatalog(
  model: string | undefined,
  flags: ModelFlags & { readonly engine?: string },
  catalog: Catalog | undefined,
  backends: readonly Backend[],
  host: HostInfo,
  prefer: readonly string[],
): ResolvedModel | undefined {
  if (model === undefined || catalog === undefined || flags.specFile !== undefined || flags.family !== undefined) {
    return undefined;
  }
  const found = catalog.get(model);
  if (!found) return undefined;
  const resolution = resolveCatalogModel(found, backends, host, {
    ...(flags.format === undefined ? {} : { format: flags.format }),
    ...(flags.size === undefined ? {} : { size: flags.size }),
    ...(flags.quantization === undefined ? {} : { quantization: flags.quantization }),
    ...(flags.engine === undefined ? {} : { engine: flags.engine }),
    prefer,
  });
  const { spec, reason, tooLarge } = resolution;
  return { spec, note: reason, ...(tooLarge === undefined ? {} : { tooLarge }) };
}

/** The error for a MODEL that is neither in the catalog nor described by flags. */
export async function notInCatalogError(model: string): Promise<Error> {
  return (await loadCatalog()).unknownNameError(model, 'MODEL');
}
