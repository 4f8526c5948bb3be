import { InvalidInputError, type ModelSpec, parseModelSpec } from '@switchyard/core';
import { notInCatalogError } from './catalog-model.js';
import { resolveGgufModel } from './gguf-model.js';
import { resolveFolderModel } from './model-folder.js';
import { readJsonFile } from './read-json-file.js';

export interface ModelFlags {
  readonly format?: string;
  readonly quantization?: string;
  readonly size?: string;
  readonly family?: string;
  readonly specFile?: string;
}

export interface ResolvedModel {
  readonly spec: ModelSpec;
  /** How MODEL was understood, for the human output (e.g. which catalog spec was picked). */
  readonly note?: string;
  /** Why no engine can run it here after all: no catalog spec fits the host's memory. */
  readonly tooLarge?: string;
}

/**
 * Turns MODEL and the model flags into a spec. `--spec-file` gives a whole spec; flags given beside
 * it override its fields.
 */
export async function resolveModel(model: string | undefined, flags: ModelFlags, cwd: string): Promise<ResolvedModel> {
  const fromFolder = await resolveFolderModel(model, flags, cwd);
  if (fromFolder) return fromFolder;
  const fromGguf = await resolveGgufModel(model, flags, cwd);
  if (fromGguf) return fromGguf;
  const base = flags.specFile ? await readJsonFile(flags.specFile, '--spec-file', cwd) : {};
  if (typeof base !== 'object' || base === null || Array.isArray(base)) {
    throw new InvalidInputError(`--spec-file ${flags.specFile}`, [
      { field: '', message: 'it must hold a JSON object' },
    ]);
  }
  const input: Record<string, unknown> = { ...base };
  if (model !== undefined) input.modelName = model;
  if (flags.format !== undefined) input.format = flags.format;
  if (flags.quantization !== undefined) input.quantization = flags.quantization;
  if (flags.size !== undefined) input.sizeInBillions = flags.size;
  if (flags.family !== undefined) input.modelFamily = flags.family;
  if (input.modelName === undefined) {
    throw new InvalidInputError('command line', [
      {
        field: 'MODEL',
        message: 'name a model, e.g. `switchyard select llama-3-instruct --format pytorch`, or pass --spec-file',
      },
    ]);
  }
  // A bare name reaches here only when the catalog lacks it (target.ts tries the catalog first).
  if (model !== undefined && flags.format === undefined && !flags.specFile && !flags.family) {
    throw await notInCatalogError(model);
  }
  return { spec: parseModelSpec(input) };
}
