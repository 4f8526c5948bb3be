import { basename, isAbsolute, resolve } from 'node:path';
import {
  type HostInfo,
  InvalidInputError,
  type ModelSpec,
  ModelTooLargeError,
  parseInput,
  parseModelSpec,
  type Switchyard,
} from '@switchyard/core';
import { type ServedModel, ServedModelSchema } from '@switchyard/server/served-model';
import { type CatalogFlags, catalogFor, resolveFromCatalog } from './catalog-model.js';
import type { SwitchyardConfig } from './config-file.js';
import { hostWithGpus } from './gpu-selection.js';
import { resolveModel } from './model-input.js';

/** Flags of `serve` that apply to every MODEL on its command line. */
export interface ServedModelFlags {
  readonly engine?: string;
  readonly runtime?: string;
  readonly contextLength?: number;
}

const NAMED = /^([\w.:-]+)=(.+)$/;

/**
 * The models to serve: `serve.models` of the config file, then each MODEL argument (`NAME=MODEL`,
 * or MODEL named after itself: a .gguf file by its base name). A name given twice is an input error.
 */
export function servedModels(
  args: readonly string[],
  flags: ServedModelFlags,
  extraArgs: readonly string[],
  config: SwitchyardConfig,
): ServedModel[] {
  const fromConfig = config.servedModels.map((model) =>
    typeof model.model === 'string' && looksLikePath(model.model) && !isAbsolute(model.model)
      ? { ...model, model: resolve(config.dir, model.model) }
      : model,
  );
  const fromArgs = args.map((arg) => {
    const [, name, model] = NAMED.exec(arg) ?? [undefined, undefined, arg];
    return parseInput(
      ServedModelSchema,
      {
        name: name ?? defaultName(model ?? arg),
        model,
        extraArgs: [...extraArgs],
        ...(flags.engine === undefined ? {} : { engine: flags.engine }),
        ...(flags.runtime === undefined ? {} : { runtime: flags.runtime }),
        ...(flags.contextLength === undefined ? {} : { contextLength: flags.contextLength }),
      },
      `MODEL ${arg}`,
    );
  });
  const models = [...fromConfig, ...fromArgs];
  if (models.length === 0) {
    throw new InvalidInputError('command line', [
      {
        field: 'MODEL',
        message:
          'name at least one model, e.g. `switchyard serve ./a.gguf ./b.gguf`, or list them in serve.models of switchyard.config.json',
      },
    ]);
  }
  const seen = new Set<string>();
  const problems = models
    .filter((model) => seen.size === seen.add(model.name).size)
    .map((model) => ({
      field: 'MODEL',
      message: `two models are named "${model.name}"; name one otherwise with NAME=MODEL (or "name" in serve.models)`,
    }));
  if (problems.length > 0) throw new InvalidInputError('models to serve', problems);
  return models;
}

/**
 * Resolves a served model as `switchyard launch` resolves MODEL: a .gguf file from its header, a
 * catalog name to the spec that suits this host, a spec object as given; format, size and
 * quantization narrow or override it.
 */
export function servedModelResolver(
  switchyard: Switchyard,
  host: HostInfo,
  flags: CatalogFlags,
  config: SwitchyardConfig,
  cwd: string,
): (model: ServedModel) => Promise<ModelSpec> {
  return async (model) => {
    const modelFlags = {
      ...(model.format === undefined ? {} : { format: model.format }),
      ...(model.quantization === undefined ? {} : { quantization: model.quantization }),
      ...(model.size === undefined ? {} : { size: String(model.size) }),
    };
    if (typeof model.model !== 'string') return parseModelSpec({ ...model.model, ...specFields(modelFlags) });
    const catalog = await catalogFor(model.model, { ...modelFlags, ...flags }, cwd);
    const resolved =
      resolveFromCatalog(
        model.model,
        { ...modelFlags, ...(model.engine === undefined ? {} : { engine: model.engine }) },
        catalog,
        switchyard.registry.list(),
        hostWithGpus(host, model.gpus),
        config.prefer,
      ) ?? (await resolveModel(model.model, modelFlags, cwd));
    if (resolved.tooLarge !== undefined) throw new ModelTooLargeError(resolved.tooLarge);
    return resolved.spec;
  };
}

function specFields(flags: { format?: string; quantization?: string; size?: string }) {
  return {
    ...(flags.format === undefined ? {} : { format: flags.format }),
    ...(flags.quantization === undefined ? {} : { quantization: flags.quantization }),
    ...(flags.size === undefined ? {} : { sizeInBillions: flags.size }),
  };
}

const looksLikePath = (model: string) => /^\.{1,2}[\\/]|\.gguf$/i.test(model);

/** A .gguf file is served under its base name; anything else under the reference itself. */
function defaultName(model: string): string {
  return /\.gguf$/i.test(model) ? basename(model).replace(/\.gguf$/i, '') : model;
}
