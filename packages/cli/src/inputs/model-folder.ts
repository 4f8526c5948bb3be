import { stat } from 'node:fs/promises';
import { resolve } from 'node:path';
import { gib, InvalidInputError, ModelFolderError, parseModelSpec, readModelFolder } from '@switchyard/core';
import { formatParameterCount } from '../output/parameter-count.js';
import type { ModelFlags, ResolvedModel } from './model-input.js';

/**
 * MODEL as a local model folder (any existing directory): a Hugging Face or MLX folder read from its
 * config.json and safetensors headers, or a folder holding one GGUF model. --format,
 * --quantization, --size and --family still override what the folder says. Returns undefined when
 * MODEL is not a directory, so that it is read as a file or a name.
 */
export async function resolveFolderModel(
  model: string | undefined,
  flags: ModelFlags,
  cwd: string,
): Promise<ResolvedModel | undefined> {
  if (model === undefined) return undefined;
  const path = resolve(cwd, model);
  if (
    !(await stat(path).then(
      (stats) => stats.isDirectory(),
      () => false,
    ))
  )
    return undefined;
  if (flags.specFile) {
    throw new InvalidInputError('command line', [
      { field: '--spec-file', message: `MODEL is a model folder (${model}); pass either the folder or --spec-file` },
    ]);
  }
  const info = await readModelFolder(path).catch((error: unknown) => {
    if (!(error instanceof ModelFolderError)) throw error;
    throw new InvalidInputError(`MODEL ${model}`, [{ field: 'MODEL', message: error.message }], error.hint);
  });
  const spec = parseModelSpec({
    ...info.spec,
    ...(flags.format === undefined ? {} : { format: flags.format }),
    ...(flags.quantization === undefined ? {} : { quantization: flags.quantization }),
    ...(flags.size === undefined ? {} : { sizeInBillions: flags.size }),
    ...(flags.family === undefined ? {} : { modelFamily: flags.family }),
  });
  const facts = [
    info.gguf ? `the GGUF model ${info.spec.modelPath}` : info.architectures.join(', ') || 'no architectures',
    `${formatParameterCount(info.parameterCount)} parameters`,
    `${gib(info.weights.bytes)} of weights in ${info.weightFiles.length} file${info.weightFiles.length === 1 ? '' : 's'}`,
  ];
  return { spec, note: `read from the model folder ${path}: ${facts.join(', ')}` };
}
