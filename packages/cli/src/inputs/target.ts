import { stat } from 'node:fs/promises';
import { dirname, isAbsolute, resolve } from 'node:path';
import {
  InvalidInputError,
  type ModelOptions,
  type ModelReference,
  type SelectRequest,
  type Switchyard,
} from '@switchyard/core';
import type { CliIo } from '../io.js';
import { composeSwitchyard } from './compose-switchyard.js';
import type { HostFlags } from './host-input.js';
import { hubServices } from './hub-services.js';
import { addModelFile, type CatalogFlags } from './model-file.js';
import type { PluginFlags } from './plugins.js';
import { readJsonFile } from './read-json-file.js';

export interface ModelFlags {
  readonly format?: string;
  readonly quantization?: string;
  readonly size?: string;
  readonly family?: string;
  readonly specFile?: string;
}

export interface TargetFlags extends ModelFlags, HostFlags, PluginFlags, CatalogFlags {
  readonly engine?: string;
  readonly python?: string;
  /** `--gpus` of plan and launch: models are sized for these GPUs only. */
  readonly gpus?: number[];
  readonly contextLength?: number;
  /** `--offline`: the Hugging Face cache alone answers, as with HF_HUB_OFFLINE=1. */
  readonly offline?: boolean;
}

/** What select, plan and launch hand to core: the composed instance, the model reference and the request. */
export interface Target {
  readonly switchyard: Switchyard;
  readonly reference: ModelReference;
  readonly request: SelectRequest;
}

/** Turns MODEL and the flags into core's terms; core resolves them. */
export async function resolveTarget(given: string | undefined, flags: TargetFlags, io: CliIo): Promise<Target> {
  // An empty MODEL (`select ""`, an unset shell variable) is no model at all.
  const model = given?.trim() === '' ? undefined : given;
  const [{ switchyard }, reference] = await Promise.all([
    composeSwitchyard(flags, io.cwd, hubServices(io.env, flags.offline === true)),
    modelReference(model, flags, io.cwd),
  ]);
  if (flags.modelFile !== undefined) await addModelFile(await switchyard.catalog(), flags, io.cwd);
  const request: SelectRequest = {
    cwd: io.cwd,
    ...modelOptionsOf(flags),
    ...(flags.engine === undefined ? {} : { engine: flags.engine }),
    ...(flags.gpus === undefined ? {} : { gpus: flags.gpus }),
    ...(flags.contextLength === undefined ? {} : { contextLength: flags.contextLength }),
    ...(flags.python === undefined ? {} : { detect: { python: flags.python } }),
  };
  return { switchyard, reference, request };
}

/** What --format, --size, --quantization and --family say about the model, as core's options. */
export function modelOptionsOf(flags: ModelFlags): ModelOptions {
  return {
    ...(flags.format === undefined ? {} : { format: flags.format }),
    ...(flags.size === undefined ? {} : { size: flags.size }),
    ...(flags.quantization === undefined ? {} : { quantization: flags.quantization }),
    ...(flags.family === undefined ? {} : { family: flags.family }),
  };
}

/** MODEL as given, or the spec of `--spec-file` (named MODEL when both are given). */
export async function modelReference(
  model: string | undefined,
  flags: ModelFlags,
  cwd: string,
): Promise<ModelReference> {
  if (flags.specFile === undefined) {
    if (model !== undefined) return model;
    throw new InvalidInputError(
      'command line',
      [
        {
          field: 'MODEL',
          message: 'name a model, e.g. `switchyard select llama-3-instruct --format pytorch`, or pass --spec-file',
        },
      ],
      'Name a model: `switchyard models` lists the catalog.',
    );
  }
  const given = model === undefined ? undefined : await pathKind(resolve(cwd, model));
  if (model !== undefined && (given !== undefined || /\.gguf$/i.test(model))) {
    const what = given === 'folder' ? 'a model folder' : 'a GGUF file';
    const it = given === 'folder' ? 'the folder' : 'the file';
    throw new InvalidInputError(
      'command line',
      [{ field: '--spec-file', message: `MODEL is ${what} (${model}); pass either ${it} or --spec-file` }],
      'Drop MODEL or --spec-file.',
    );
  }
  const spec = await readJsonFile(flags.specFile, '--spec-file', cwd);
  if (typeof spec !== 'object' || spec === null || Array.isArray(spec)) {
    throw new InvalidInputError(
      `--spec-file ${flags.specFile}`,
      [{ field: '', message: 'it must hold a JSON object' }],
      'Write one model spec as a JSON object; the README lists its fields.',
    );
  }
  const located = await withPathFromFile(spec as Record<string, unknown>, resolve(cwd, flags.specFile));
  return (model === undefined ? located : { ...located, modelName: model }) as ModelReference;
}

/**
 * A relative `modelPath` is relative to the spec file's folder, as in `--model-file`, so a spec
 * file and its model move together. A spec piped in (`/dev/stdin`) has no folder: the working
 * directory stands in.
 */
async function withPathFromFile(spec: Record<string, unknown>, file: string): Promise<Record<string, unknown>> {
  const { modelPath } = spec;
  if (typeof modelPath !== 'string' || isAbsolute(modelPath)) return spec;
  if ((await pathKind(file)) !== 'file') return spec;
  return { ...spec, modelPath: resolve(dirname(file), modelPath) };
}

/** Whether MODEL names an existing file or folder: then it is a model in itself, not a name for a spec. */
function pathKind(path: string): Promise<'file' | 'folder' | undefined> {
  return stat(path).then(
    (stats) => (stats.isDirectory() ? 'folder' : stats.isFile() ? 'file' : undefined),
    () => undefined,
  );
}

/** The flag that sets each spec field over the spec file's own. */
const FLAG_OF_SPEC_FIELD = {
  format: 'format',
  quantization: 'quantization',
  sizeInBillions: 'size',
  modelFamily: 'family',
} as const satisfies Record<string, keyof ModelFlags>;

/**
 * Core names a spec object's fields; from `--spec-file` a field is the file's own key, or the flag
 * when one set it (`format` in the file is not `--format`).
 */
export async function inSpecFileTerms<T>(flags: ModelFlags, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    const fromFile = flags.specFile !== undefined && error instanceof InvalidInputError;
    if (!fromFile || !error.message.startsWith('Invalid model spec:')) throw error;
    const problems = error.problems.map((problem) => {
      const flag = FLAG_OF_SPEC_FIELD[problem.field as keyof typeof FLAG_OF_SPEC_FIELD];
      return flag !== undefined && flags[flag] !== undefined ? { ...problem, field: `--${flag}` } : problem;
    });
    throw new InvalidInputError(`--spec-file ${flags.specFile}`, problems, error.hint);
  }
}
