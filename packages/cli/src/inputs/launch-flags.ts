import { InvalidInputError, type LaunchOptionsInput, parseLaunchOptions } from '@switchyard/core';
import type { CliIo } from '../io.js';
import { type ApiKeyFlags, readApiKey } from './api-key.js';

export interface LaunchFlags extends ApiKeyFlags {
  readonly bind?: string;
  readonly port?: number;
  readonly gpus?: number[];
  readonly tensorParallel?: number;
  readonly contextLength?: number;
  readonly servedName?: string;
  readonly runtime?: string;
  readonly python?: string;
}

/** Each launch option and the flag that sets it: core names the option, a person typed the flag. */
const FLAG_OF_OPTION: Readonly<Record<string, string>> = {
  bind: '--bind',
  port: '--port',
  gpus: '--gpus',
  tensorParallel: '--tensor-parallel',
  contextLength: '--context-length',
  servedName: '--served-name',
  apiKey: 'the API key',
  extraArgs: 'engine arguments after --',
  runtime: '--runtime',
  python: '--python',
};

/**
 * Launch flags plus the engine arguments given after `--`, validated as launch options, with the
 * API key read from where it was given. Its warnings go to stderr before anything starts.
 */
export async function launchOptionsFromFlags(
  flags: LaunchFlags,
  extraArgs: readonly string[],
  io: Pick<CliIo, 'env' | 'cwd' | 'stderr'>,
): Promise<LaunchOptionsInput> {
  const apiKey = await readApiKey(flags, io.env, io.cwd);
  for (const warning of apiKey?.warnings ?? []) io.stderr(`warning: ${warning}\n`);
  const input: Record<string, unknown> = { extraArgs: [...extraArgs] };
  for (const key of [
    'bind',
    'port',
    'gpus',
    'tensorParallel',
    'contextLength',
    'servedName',
    'runtime',
    'python',
  ] as const) {
    if (flags[key] !== undefined) input[key] = flags[key];
  }
  if (apiKey !== undefined) input.apiKey = apiKey.value;
  return inFlagTerms(() => parseLaunchOptions(input));
}

/**
 * Runs `work`, restating a launch-option error in the command line's words: `--tensor-parallel`, not
 * `tensorParallel`. Other errors pass through.
 */
export async function inFlagTerms<T>(work: () => T | Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (!(error instanceof InvalidInputError) || !error.problems.some((p) => p.field in FLAG_OF_OPTION)) throw error;
    const problems = error.problems.map(({ field, message }) => ({
      field: FLAG_OF_OPTION[field] ?? field,
      // Schema messages start with the option's name ("port must be at most 65535").
      message:
        field in FLAG_OF_OPTION ? message.replace(new RegExp(`^${field}\\b`), FLAG_OF_OPTION[field] ?? field) : message,
    }));
    const hint = error.problems.some((p) => p.field === 'extraArgs')
      ? 'Use Switchyard’s own flags for these: --bind, --port, --served-name, --gpus, --tensor-parallel, --context-length, and $SWITCHYARD_API_KEY or --api-key-file for the key.'
      : error.hint;
    throw new InvalidInputError('command line', problems, hint);
  }
}
