import { existsSync } from 'node:fs';
import { basename, isAbsolute, resolve } from 'node:path';
import { InvalidInputError, parseInput } from '@switchyard/core';
import { type ServedModel, ServedModelSchema } from '@switchyard/server/served-model';
import type { SwitchyardConfig } from './config-file.js';

/** Flags of `serve` that apply to every MODEL on its command line. */
export interface ServedModelFlags {
  readonly engine?: string;
  readonly runtime?: string;
  readonly contextLength?: number;
}

const NAMED = /^([\w.:-]+)=(.+)$/;

/**
 * The models to serve: `serve.models` of the config file (a path in it is the file's own, relative
 * to its folder), then each MODEL argument (`NAME=MODEL`, or MODEL named after itself: a .gguf file
 * or a folder by its base name). A name given twice is an input error.
 */
export function servedModels(
  args: readonly string[],
  flags: ServedModelFlags,
  extraArgs: readonly string[],
  config: SwitchyardConfig,
  cwd: string,
): ServedModel[] {
  const fromConfig = config.servedModels.map((model) =>
    typeof model.model === 'string' && !isAbsolute(model.model) && existsSync(resolve(config.dir, model.model))
      ? { ...model, model: resolve(config.dir, model.model) }
      : model,
  );
  const fromArgs = args.map((arg) => {
    const [, name, model = arg] = NAMED.exec(arg) ?? [];
    const input = {
      name: name ?? defaultName(model, cwd),
      model,
      extraArgs: [...extraArgs],
      ...(flags.engine === undefined ? {} : { engine: flags.engine }),
      ...(flags.runtime === undefined ? {} : { runtime: flags.runtime }),
      ...(flags.contextLength === undefined ? {} : { contextLength: flags.contextLength }),
    };
    try {
      return parseInput(ServedModelSchema, input, `MODEL ${arg}`, 'Write each model as MODEL or NAME=MODEL.');
    } catch (error) {
      if (!(error instanceof InvalidInputError)) throw error;
      // The served name is the NAME of NAME=MODEL (or MODEL's own), not deploy's --name.
      const problems = error.problems.map((p) => (p.field === 'name' ? { ...p, field: 'NAME' } : p));
      throw new InvalidInputError(`MODEL ${arg}`, problems, error.hint);
    }
  });
  const models = [...fromConfig, ...fromArgs];
  if (models.length === 0) {
    throw new InvalidInputError(
      'command line',
      [
        {
          field: 'MODEL',
          message:
            'name at least one model, e.g. `switchyard serve ./a.gguf ./b.gguf`, or list them in serve.models of switchyard.config.json',
        },
      ],
      'Name the models after `switchyard serve`, or list them in serve.models of switchyard.config.json.',
    );
  }
  const seen = new Set<string>();
  const problems = models
    .filter((model) => seen.size === seen.add(model.name).size)
    .map((model) => ({
      field: 'MODEL',
      message: `two models are named "${model.name}"; name one otherwise with NAME=MODEL (or "name" in serve.models)`,
    }));
  if (problems.length > 0)
    throw new InvalidInputError(
      'models to serve',
      problems,
      'Fix each MODEL named; `switchyard serve --help` shows how to name them.',
    );
  return models;
}

/** A .gguf file or a model folder is served under its base name; anything else under the reference itself. */
function defaultName(model: string, cwd: string): string {
  if (/\.gguf$/i.test(model)) return basename(model).replace(/\.gguf$/i, '');
  return existsSync(resolve(cwd, model)) ? basename(resolve(cwd, model)) : model;
}
