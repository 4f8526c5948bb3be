import type {
  LaunchRequest as CoreLaunchRequest,
  DetectOptions,
  InvalidInputError,
  ModelReference,
  Switchyard,
} from '@switchyard/core';
import type { EngineLauncher } from './launcher.js';
import { hostCapacity, memoryNeed } from './memory/memory-need.js';
import type { ServedModel } from './served-model.js';

export interface SwitchyardLauncherOptions {
  /** The folder relative model paths resolve from; the process's working directory by default. */
  readonly cwd?: string;
  /** How to detect the host, e.g. the Python interpreter of Python engines. */
  readonly detect?: DetectOptions;
}

/** Engines bind to loopback only: clients reach them through the server. */
const LOOPBACK = '127.0.0.1';

/**
 * Selects, plans and starts each model's engine exactly as `switchyard.launch` would (core resolves
 * the reference: a catalog name, a .gguf file, a model folder, a spec object), on loopback, with the
 * model's name served.
 */
export function switchyardLauncher(switchyard: Switchyard, options: SwitchyardLauncherOptions = {}): EngineLauncher {
  const requestFor = (model: ServedModel): CoreLaunchRequest => ({
    ...(options.cwd === undefined ? {} : { cwd: options.cwd }),
    ...(options.detect === undefined ? {} : { detect: options.detect }),
    ...(model.engine === undefined ? {} : { engine: model.engine }),
    ...(model.format === undefined ? {} : { format: model.format }),
    ...(model.size === undefined ? {} : { size: model.size }),
    ...(model.quantization === undefined ? {} : { quantization: model.quantization }),
    ...(model.family === undefined ? {} : { family: model.family }),
    ...(model.contextLength === undefined ? {} : { contextLength: model.contextLength }),
    ...(model.gpus === undefined ? {} : { gpus: model.gpus }),
    ...(model.runtime === undefined ? {} : { runtime: model.runtime }),
    bind: LOOPBACK,
    servedName: model.name,
    extraArgs: model.extraArgs,
  });
  const reference = (model: ServedModel) => model.model as ModelReference;
  return {
    async prepare(model) {
      const { selection } = await switchyard.plan(reference(model), requestFor(model));
      return { engine: selection.chosen ?? '', need: memoryNeed(selection, model) };
    },
    async launch(model, request) {
      const launch = (apiKey?: string) =>
        switchyard.launch(reference(model), {
          ...requestFor(model),
          ...(apiKey === undefined ? {} : { apiKey }),
          supervise: { signal: request.signal, readyTimeoutMs: request.readyTimeoutMs },
        });
      try {
        return await launch(request.apiKey);
      } catch (error) {
        // An engine without key support (transformers, MLX) refuses the key before it starts; it
        // then runs without one, reachable on loopback only, and ignores the key the server sends.
        if (!refusesApiKey(error)) throw error;
        return launch();
      }
    },
    async capacity() {
      return hostCapacity(await switchyard.host(options.detect));
    },
  };
}

/** By its code, not its class: a plugin may have been built against another copy of core. */
function refusesApiKey(error: unknown): boolean {
  const refusal = error as Partial<InvalidInputError> | null;
  return refusal?.code === 'INVALID_INPUT' && (refusal.problems ?? []).some((problem) => problem.field === 'apiKey');
}
