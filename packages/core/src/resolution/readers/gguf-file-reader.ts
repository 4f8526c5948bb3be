import { stat } from 'node:fs/promises';
import { resolve } from 'node:path';
import { GgufError, InvalidInputError, parseModelSpec, readGgufModel } from '@switchyard/core';
import { formatParameterCount } from '../output/parameter-count.js';
import type { ModelFlags, ResolvedModel } from './model-input.js';

/**
 * MODEL as a GGUF file: a path ending in .gguf, any existing file, or a path (it has a slash) that no
 * flag describes as a model name, so that a mistyped path says there is no such file. The spec comes
 * from the file's header; --format, --quantization, --size and --family still override it. Returns
 * undefined when MODEL is not a file, so that it is read as a model name.
 */
export async function resolveGgufModel(
  model: string | undefined,
  flags: ModelFlags,
  cwd: string,
): Promise<ResolvedModel | undefined> {
  if (model === undefined) return undefined;
  const path = resolve(cwd, model);
  if (!/\.gguf$/i.test(model) && !looksLikeFilePath(model, flags) && !(await isFile(path))) return undefined;
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
    info.files.length > 1 ? `${info.files.length} shards` : undefined,
  ];
  return { spec, note: `read from the GGUF header of ${path}: ${facts.filter(Boolean).join(', ')}` };
}

/** A slash makes MODEL a path, unless flags describe it as a model (a hub id such as org/name). */
function looksLikeFilePath(model: string, flags: ModelFlags): boolean {
  return (
    /[\\/]/.test(model) && flags.format === undefined && flags.family === undefined && flags.specFile === undefined
  );
}

async function isFile(path: string): Promise<boolean> {
  return stat(path).then(
    (stats) => stats.isFile(),
    () => false,
  );
}
