import { InvalidInputError, type LaunchOptionsInput, parseLaunchOptions } from '@switchyard/core';
import type { CliIo } from '../io.js';
import { FLAG_OF_OPTION } from '../output/flag-words.js';
import { type ApiKeyFlags, readApiKey } from './api-key.js';

/** The launch options a flag of the same name sets. */
const FLAG_OPTIONS = [
  'bind',
  'port',
  'gpus',
  'tensorParallel',
  'contextLength',
  'servedName',
  'runtime',
  'python',
] as const;

/** The launch options, whose problems inFlagTerms restates as flags: the flags', the key and the engine arguments. */
const LAUNCH_OPTIONS = new Set<string>([...FLAG_OPTIONS, 'apiKey', 'extraArgs']);

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
  for (const key of FLAG_OPTIONS) if (flags[key] !== undefined) input[key] = flags[key];
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
    if (!(error instanceof InvalidInputError) || !error.problems.some((p) => LAUNCH_OPTIONS.has(p.field))) throw error;
    const problems = error.problems.map(({ field, message }) => ({
      field: LAUNCH_OPTIONS.has(field) ? (FLAG_OF_OPTION[field] ?? field) : field,
      // Schema messages start with the option's name ("port must be at most 65535").
      message: LAUNCH_OPTIONS.has(field)
        ? message.replace(new RegExp(`^${field}\\b`), FLAG_OF_OPTION[field] ?? field)
        : message,
    }));
    const hint = error.problems.some((p) => p.field === 'extraArgs')
      ? 'Use Switchyard’s own flags for these: --bind, --port, --served-name, --gpus, --tensor-parallel, --context-length, and $SWITCHYARD_API_KEY or --api-key-file for the key.'
      : error.hint;
    throw new InvalidInputError('command line', problems, hint);
  }
}
