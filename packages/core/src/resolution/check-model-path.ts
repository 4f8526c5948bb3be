import { stat } from 'node:fs/promises';
import { resolve } from 'node:path';
import { InvalidInputError } from '../errors/invalid-input-error.js';
import { GgufError } from '../gguf/gguf-errors.js';
import { withoutControlCharacters } from '../gguf/printable-text.js';
import { ModelFolderError } from '../model-folder/model-folder-errors.js';
import type { ModelSpec } from '../spec/model-spec.js';

const MODEL_PATH_HINT =
  'Point `modelPath` (a field of the spec) at the model: a .gguf file for ggufv2, else the folder holding its config.json; or leave it out and give `hubId`.';

/**
 * A spec's `modelPath` is what the engine will load, so it is read as the GGUF and model-folder
 * readers read a model before anything is planned (a spec object's, or a custom catalog model's): a missing path, or a file that is not the
 * model its format says (a GGUF for ggufv2, a folder with config.json for the others), would otherwise
 * reach the engine.
 */
export async function checkModelPath(spec: ModelSpec, cwd: string, what: string): Promise<void> {
  const path = resolve(cwd, spec.modelPath ?? '');
  const refuse = (message: string, hint = MODEL_PATH_HINT) =>
    new InvalidInputError(what, [{ field: 'modelPath', message: withoutControlCharacters(message) }], hint);
  const stats = await stat(path).catch(() => undefined);
  if (stats === undefined) throw refuse(`no such file or folder: ${path}`);
  // A device or a pipe would block the header read, or be read from without end.
  if (!stats.isFile() && !stats.isDirectory()) throw refuse(`${path} is neither a file nor a folder`);
  const gguf = spec.format === 'ggufv2';
  // The readers load only for a spec with a path: most runs name a catalog model.
  const [{ readGgufModel }, { readModelFolder }] = await Promise.all([
    import('../gguf/gguf-model.js'),
    import('../model-folder/read-model-folder.js'),
  ]);
  try {
    if (stats.isDirectory()) {
      const folder = await readModelFolder(path);
      if (gguf !== (folder.gguf !== undefined)) {
        throw refuse(
          gguf
            ? `${path} is a model folder with config.json, not a GGUF model; the spec's format is ggufv2`
            : `${path} holds a GGUF model; the spec's format is ${spec.format}, so give format ggufv2`,
        );
      }
    } else if (gguf) {
      await readGgufModel(path);
    } else if (spec.format !== 'ggmlv3') {
      // A GGML file (ggmlv3) has no reader, and no engine runs one: the engines say so.
      throw refuse(`${path} is a file; a ${spec.format} model is a folder holding config.json and its weights`);
    }
  } catch (error) {
    if (error instanceof GgufError || error instanceof ModelFolderError) throw refuse(error.message, error.hint);
    throw error;
  }
}
