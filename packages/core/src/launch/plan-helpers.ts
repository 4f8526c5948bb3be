import { InvalidInputError } from '../errors/invalid-input-error.js';
import { type HostInfo, nvidiaGpus } from '../host/host-info.js';
import type { ModelSpec } from '../spec/model-spec.js';
import type { ResolvedLaunchOptions } from './launch-options.js';
import type { ReadinessCheck } from './launch-plan.js';

/** Helpers for the parts of a launch plan that most engines build the same way. */

/** The model id clients send: `--served-name`, else the model's name. */
export function servedModelName(spec: ModelSpec, options: ResolvedLaunchOptions): string {
  return options.servedName ?? spec.modelName;
}

/** CUDA_VISIBLE_DEVICES for `--gpus`; engines see the chosen devices renumbered from 0. */
export function cudaDevicesEnv(options: ResolvedLaunchOptions): Record<string, string> {
  return options.gpus ? { CUDA_VISIBLE_DEVICES: options.gpus.join(',') } : {};
}

/**
 * The tensor-parallel degree: `--tensor-parallel`, else every GPU the engine can see (those of
 * `--gpus`, else all the host's NVIDIA GPUs), as Xinference does. The catalog sizes a model for the
 * memory of those same GPUs, so a model chosen to fit is split to fit. Refuses a degree larger than
 * the GPUs there are to split over.
 */
export function tensorParallelSize(host: HostInfo, options: ResolvedLaunchOptions): number {
  const available = options.gpus?.length ?? nvidiaGpus(host).length;
  const size = options.tensorParallel ?? Math.max(1, available);
  if (options.tensorParallel !== undefined && available > 0 && size > available) {
    throw new InvalidInputError(
      'launch options',
      [
        {
          field: 'tensorParallel',
          message: `${size} needs ${size} GPUs but ${options.gpus ? '`gpus` names' : 'this host has'} ${available}; lower \`tensorParallel\` or name more GPUs in \`gpus\``,
        },
      ],
      'Lower `tensorParallel`, or name more GPUs in `gpus`.',
    );
  }
  return size;
}

/** `[flag, value]` when the value is set, else nothing: keeps argv free of engine defaults. */
export function flag(name: string, value: string | number | undefined): string[] {
  return value === undefined ? [] : [name, String(value)];
}

/** A launch option an engine has no way to honour, and what to tell the user when it is given. */
export interface UnsupportedOption {
  readonly field: string;
  readonly given: boolean;
  readonly message: string;
}

/** Refuses, in one error naming every field, the given options an engine cannot honour: none is silently dropped. */
export function refuseUnsupportedOptions(
  engine: string,
  options: readonly UnsupportedOption[],
  hint = 'Drop the options named, or let another engine run the model (the `engine` option).',
): void {
  const problems = options.filter((option) => option.given).map(({ field, message }) => ({ field, message }));
  if (problems.length > 0) throw new InvalidInputError(`launch options for ${engine}`, problems, hint);
}

/** The interpreter for engines started as `python -m …`: `--python`, else the one `runtime` was found in, else python3. */
export function pythonFor(host: HostInfo, runtime: string, options: ResolvedLaunchOptions): string {
  return options.python ?? host.engines[runtime]?.path ?? 'python3';
}

/**
 * An engine started by its console script (`vllm`, `transformers`): the script installed for the
 * interpreter detection found the engine in, else the command on PATH.
 */
export function consoleScript(host: HostInfo, runtime: string, command: string): string {
  return host.engines[runtime]?.scripts?.[command] ?? command;
}

/** `GET /health` until it answers 200: how most engines say they are ready. */
export function healthCheck(note: string): ReadinessCheck {
  return { method: 'GET', path: '/health', expectStatus: 200, note };
}

/** The API key in the environment variable the engine reads, marked secret so that plans mask it. */
export function apiKeyEnv(
  variable: string,
  options: ResolvedLaunchOptions,
): { env: Record<string, string>; secretEnv: string[] } {
  return options.apiKey ? { env: { [variable]: options.apiKey }, secretEnv: [variable] } : { env: {}, secretEnv: [] };
}
