import type { Catalog } from '../catalog/catalog.js';
import { InvalidInputError } from '../errors/invalid-input-error.js';
import { type ModelSpec, type ModelSpecInput, parseModelSpec } from '../spec/model-spec.js';
import type { ModelReader, ModelReading, ReadContext } from './model-reader.js';
import { optionOverrides } from './option-overrides.js';

/** A model as callers name it: a catalog or custom name, a path to a .gguf file, or a spec object. */
export type ModelReference = string | ModelSpecInput | ModelSpec;

/**
 * Reads a model reference into the specs it may run as. A spec object is taken as it is (the
 * model options override its fields); a string goes to each reader in turn, and the first that
 * recognises it reads it. A name no reader knows is a model of the caller's own when the `format`
 * or `family` option describes it, else an error suggesting close catalog names.
 */
export async function readModel(
  reference: ModelReference,
  context: ReadContext,
  readers: readonly ModelReader[],
  catalog: () => Promise<Catalog>,
): Promise<ModelReading> {
  const { options } = context;
  if (typeof reference !== 'string') {
    return { specs: [parseModelSpec({ ...reference, ...optionOverrides(options) })], source: 'the spec given' };
  }
  const name = reference.trim();
  if (name === '') {
    throw new InvalidInputError(
      'model',
      [{ field: 'model', message: 'name a model: a catalog name, a path to a .gguf file, or a spec object' }],
      'Pass a catalog name, a path to a .gguf file or a model folder, or a spec object.',
    );
  }
  for (const reader of readers) {
    const reading = await reader.read(name, context);
    if (reading !== undefined) return reading;
  }
  if (options.format === undefined && options.family === undefined) {
    throw (await catalog()).unknownNameError(name, 'model');
  }
  return {
    specs: [parseModelSpec({ modelName: name, ...optionOverrides(options) })],
    source: 'described by the options given',
  };
}
