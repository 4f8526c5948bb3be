import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { InvalidInputError, parseInput } from '@switchyard/core';
import { type ServedModel, ServedModelSchema } from '@switchyard/server/served-model';
import { z } from 'zod';
import { readJsonFile } from './read-json-file.js';

/** The project's Switchyard settings: `--config FILE`, else this file in the working directory when present. */
export const CONFIG_FILE_NAME = 'switchyard.config.json';

const name = (what: string) =>
  z
    .string({ error: `${what} must be a string` })
    .trim()
    .min(1, `${what} must not be empty`);

const ConfigFileSchema = z.lazy(() =>
  z.strictObject({
    $schema: z.string().optional(),
    /** Plugin modules: paths relative to the file, or installed package names. */
    plugins: z
      .array(name('a plugin'), { error: 'plugins must be a list of module paths or package names' })
      .default([]),
    /** Engine names to prefer, in order, among the eligible ones. */
    prefer: z
      .array(name('an engine name'), { error: 'prefer must be a list of engine names, e.g. ["sglang", "vllm"]' })
      .default([]),
    /** What `switchyard serve` serves besides the models given on its command line. */
    serve: z
      .strictObject({
        models: z.array(ServedModelSchema, { error: 'serve.models must be a list of models' }).default([]),
      })
      .default({ models: [] }),
  }),
);

export interface SwitchyardConfig {
  readonly plugins: readonly string[];
  readonly prefer: readonly string[];
  /** `serve.models`: the models `switchyard serve` serves. */
  readonly servedModels: readonly ServedModel[];
  /** The file's folder: its plugin paths resolve from here. */
  readonly dir: string;
  /** The file it was read from; undefined when there is none. */
  readonly path?: string;
}

/**
 * Reads the config file: `file` when given (`--config`, relative to `cwd`; it must exist), else
 * `switchyard.config.json` in `cwd` when there is one. No file means no extra plugins and no preferences.
 */
export async function readSwitchyardConfig(cwd: string, file?: string): Promise<SwitchyardConfig> {
  const path = file === undefined ? join(cwd, CONFIG_FILE_NAME) : resolve(cwd, file);
  if (file === undefined && !existsSync(path)) return { plugins: [], prefer: [], servedModels: [], dir: cwd };
  const json = await readJsonFile(path, file === undefined ? 'config file' : '--config', cwd);
  const config = parseInput(
    ConfigFileSchema,
    json,
    `config file ${path}`,
    'Fix the fields named; the README lists what switchyard.config.json may hold.',
  );
  return {
    plugins: config.plugins,
    prefer: config.prefer,
    servedModels: config.serve.models,
    dir: dirname(path),
    path,
  };
}

/** Refuses preferences that name no loaded engine: a typo would otherwise be ignored silently. */
export function assertKnownPreferences(config: SwitchyardConfig, engines: readonly string[]): void {
  const problems = config.prefer
    .map((engine, index) => ({ engine, index }))
    .filter(({ engine }) => !engines.includes(engine))
    .map(({ engine, index }) => ({
      field: `prefer.${index}`,
      message: `no engine is named "${engine}"; the engines are ${engines.join(', ')}`,
    }));
  if (problems.length > 0)
    throw new InvalidInputError(
      `config file ${config.path}`,
      problems,
      'Fix the fields named; the README lists what switchyard.config.json may hold.',
    );
}
