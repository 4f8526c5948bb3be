import { stat } from 'node:fs/promises';
import { resolve } from 'node:path';
import { InvalidInputError } from '../../errors/invalid-input-error.js';
import { gib } from '../../memory/weight-memory.js';
import { ModelFolderError } from '../../model-folder/model-folder-errors.js';
import { parseModelSpec } from '../../spec/model-spec.js';
import { formatParameterCount } from '../../spec/parameter-count.js';
import { modelFiles } from '../model-files.js';
import type { ModelReader } from '../model-reader.js';
import { optionOverrides } from '../option-overrides.js';

/**
 * A reference to a local model folder (any existing directory): a Hugging Face or MLX folder read
 * from its config.json and safetensors headers, or a folder holding one GGUF model. The format,
 * quantization, size and family options still override what the folder says.
 */
export const modelFolderReader: ModelReader = {
  name: 'model-folder',
  async read(reference, { options, cwd }) {
    const path = resolve(cwd, reference);
    const isFolder = await stat(path).then(
      (stats) => stats.isDirectory(),
      () => false,
    );
    if (!isFolder) return undefined;
    // The folder reader loads only for a folder reference: most runs name a catalog model.
    const { readModelFolder } = await import('../../model-folder/read-model-folder.js');
    const info = await readModelFolder(path).catch((error: unknown) => {
      if (!(error instanceof ModelFolderError)) throw error;
      throw new InvalidInputError(`model ${reference}`, [{ field: 'model', message: error.message }], error.hint);
    });
    const spec = parseModelSpec({ ...info.spec, ...optionOverrides(options) });
    const files = info.weightFiles.length;
    const facts = [
      info.gguf ? `the GGUF model ${info.spec.modelPath}` : info.architectures.join(', ') || 'no architectures',
      `${formatParameterCount(info.parameterCount)} parameters`,
      `${gib(info.weights.bytes)} of weights in ${files} file${files === 1 ? '' : 's'}`,
    ];
    return {
      specs: [spec],
      source: `read from the model folder ${path}: ${facts.join(', ')}`,
      ...modelFiles(info),
    };
  },
};
