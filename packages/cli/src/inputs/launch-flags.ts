import { type LaunchOptionsInput, parseLaunchOptions } from '@switchyard/core';

export interface LaunchFlags {
  readonly bind?: string;
  readonly port?: number;
  readonly gpus?: number[];
  readonly tensorParallel?: number;
  readonly contextLength?: number;
  readonly servedName?: string;
  readonly apiKey?: string;
  readonly runtime?: string;
  readonly python?: string;
}

/** Launch flags plus the engine arguments given after `--`, validated as launch options. */
export function launchOptionsFromFlags(flags: LaunchFlags, extraArgs: readonly string[]): LaunchOptionsInput {
  const input: Record<string, unknown> = { extraArgs: [...extraArgs] };
  for (const key of [
    'bind',
    'port',
    'gpus',
    'tensorParallel',
    'contextLength',
    'servedName',
    'apiKey',
    'runtime',
    'python',
  ] as const) {
    if (flags[key] !== undefined) input[key] = flags[key];
  }
  return parseLaunchOptions(input);
}
