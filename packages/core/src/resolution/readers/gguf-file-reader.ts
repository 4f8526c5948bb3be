import { stat } from 'node:fs/promises';
import { resolve } from 'node:path';
import { InvalidInputError } from '../../errors/invalid-input-error.js';
import { GgufError } from '../../gguf/gguf-errors.js';
import { parseModelSpec } from '../../spec/model-spec.js';
import { formatParameterCount } from '../../spec/parameter-count.js';
import { modelFiles } from '../model-files.js';
import type { ModelOptions, ModelReader } from '../model-reader.js';
import { optionOverrides } from '../option-overrides.js';

/**
 * A reference to a GGUF file: a path ending in .gguf, any existing file, or a path (it has a slash)
 * that no option describes as a model name, so that a mistyped path says there is no such file.
 * The spec comes from the file's header; the format, quantization, size and family options still
 * override it.
 */
export const ggufFileReader: ModelReader = {
  name: 'gguf-file',
  async read(reference, { options, cwd }) {
    const path = resolve(cwd, reference);
    if (!/\.gguf$/i.test(reference) && !looksLikeFilePath(reference, options) && !(await isFile(path))) {
      return undefined;
    }
    // The GGUF reader loads only for a GGUF reference: most runs name a catalog model.
    const { readGgufModel } = await import('../../gguf/gguf-model.js');
    const info = await readGgufModel(path).catch((error: unknown) => {
      if (!(error instanceof GgufError)) throw error;
      throw new InvalidInputError(`model ${reference}`, [{ field: 'model', message: error.message }], error.hint);
    });
    const spec = parseModelSpec({ ...info.spec, ...optionOverrides(options) });
    const facts = [
      info.architecture,
      `${formatParameterCount(info.parameterCount)} parameters`,
      `GGUF v${info.header.version}`,
      info.files.length > 1 ? `${info.files.length} shards` : undefined,
    ];
    return {
      specs: [spec],
      source: `read from the GGUF header of ${path}: ${facts.filter(Boolean).join(', ')}`,
      ...modelFiles(info),
    };
  },
};

/** A slash makes the reference a path, unless options describe it as a model (a hub id such as org/name). */
function looksLikeFilePath(reference: string, options: ModelOptions): boolean {
  return /[\\/]/.test(reference) && options.format === undefined && options.family === undefined;
}

async function isFile(path: string): Promise<boolean> {
  return stat(path).then(
    (stats) => stats.isFile(),
    () => false,
  );
}
