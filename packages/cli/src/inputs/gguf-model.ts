import { stat } from 'node:fs/promises';
import { resolve } from 'node:path';
import { GgufError, InvalidInputError, parseModelSpec, readGgufModel } from '@switchyard/core';
import { formatParameterCount } from '../output/parameter-count.js';
import type { ModelFlags, ResolvedModel } from './model-input.js';

/**
 * MODEL as a GGUF file: a path ending in .gguf, or any existing file. The spec comes from the file's
 * header; --format, --quantization, --size and --family still override it. Returns undefined when
 * MODEL is not a file, so that it is read as a model name.
 */
export async function resolveGgufModel(
  model: string | undefined,
  flags: ModelFlags,
  cwd: string,
): Promise<ResolvedModel | undefined> {
  if (model === undefined) return undefined;
  const path = resolve(cwd, model);
  if (!/\.gguf$/i.test(model) && !(await isFile(path))) return undefined;
  if (flags.specFile) {
    throw new InvalidInputError('command line', [
      { field: '--spec-file', message: `MODEL is a GGUF file (${model}); pass either the file or --spec-file` },
    ]);
  }
  const info = await readGgufModel(path).catch((error: unknown) => {
    if (!(error instanceof GgufError)) throw error;
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
    info.architecture,
    `${formatParameterCount(info.parameterCount)} parameters`,
    `GGUF v${info.header.version}`,
  ];
  return { spec, note: `read from the GGUF header of ${path}: ${facts.filter(Boolean).join(', ')}` };
}

async function isFile(path: string): Promise<boolean> {
  return stat(path).then(
    (stats) => stats.isFile(),
    () => false,
  );
}
