import {
  type HostInfo,
  type LaunchOptionsInput,
  type ModelSpec,
  type ModelSpecInput,
  NoEligibleEngineError,
  parseModelSpec,
  type Switchyard,
} from '@switchyard/core';
import type { EngineLauncher } from './launcher.js';
import { estimateNeed, hostCapacity } from './memory/weight-estimate.js';
import type { ServedModel } from './served-model.js';

export interface SwitchyardLauncherOptions {
  /**
   * Turns a served model into the spec `launch` takes. By default a spec object is used as given
   * and a string is a model name; format, size and quantization override either.
   */
  readonly resolve?: (model: ServedModel) => Promise<ModelSpec | ModelSpecInput>;
  /** The host to plan for; the instance's (detected) host by default. */
  readonly host?: HostInfo;
}

/** Engines bind to loopback only: clients reach them through the server. */
const LOOPBACK = '127.0.0.1';

/** Starts each model's engine exactly as `switchyard.launch` would, on loopback, with the model's name served. */
export function switchyardLauncher(switchyard: Switchyard, options: SwitchyardLauncherOptions = {}): EngineLauncher {
  let host: Promise<HostInfo> | undefined;
  const hostOnce = () => {
    host ??= options.host ? Promise.resolve(options.host) : switchyard.host();
    return host;
  };
  const resolve = options.resolve ?? defaultResolve;
  const specs = new Map<string, Promise<ModelSpec | ModelSpecInput>>();
  const specOf = (model: ServedModel) => {
    const spec = specs.get(model.name) ?? resolve(model);
    specs.set(model.name, spec);
    return spec;
  };
  const target = async (model: ServedModel) => ({
    host: await hostOnce(),
    ...(model.engine === undefined ? {} : { engine: model.engine }),
  });
  return {
    async prepare(model) {
      const { selection } = await switchyard.plan(await specOf(model), {
        ...(await target(model)),
        ...launchOptions(model),
      });
      if (selection.chosen === null) throw new NoEligibleEngineError(selection.spec.modelName);
      return { engine: selection.chosen, need: estimateNeed(selection.spec, selection.host, model.gpus) };
    },
    async launch(model, request) {
      return switchyard.launch(await specOf(model), {
        ...(await target(model)),
        ...launchOptions(model),
        apiKey: request.apiKey,
        supervise: { signal: request.signal, readyTimeoutMs: request.readyTimeoutMs },
      });
    },
    async capacity() {
      return hostCapacity(await hostOnce());
    },
  };
}

/** The launch options a served model sets: loopback, its name served, and its own engine settings. */
function launchOptions(model: ServedModel): LaunchOptionsInput {
  return {
    bind: LOOPBACK,
    servedName: model.name,
    extraArgs: model.extraArgs,
    ...(model.contextLength === undefined ? {} : { contextLength: model.contextLength }),
    ...(model.gpus === undefined ? {} : { gpus: model.gpus }),
    ...(model.runtime === undefined ? {} : { runtime: model.runtime }),
  };
}

async function defaultResolve(model: ServedModel): Promise<ModelSpec> {
  const base = typeof model.model === 'string' ? { modelName: model.model } : model.model;
  return parseModelSpec({
    ...base,
    ...(model.format === undefined ? {} : { format: model.format }),
    ...(model.quantization === undefined ? {} : { quantization: model.quantization }),
    ...(model.size === undefined ? {} : { sizeInBillions: model.size }),
  });
}
