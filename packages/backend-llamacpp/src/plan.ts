import {
  type HostInfo,
  type LaunchPlan,
  type ModelSpec,
  type ResolvedLaunchOptions,
  refuseUnsupportedOptions,
  servedModelName,
} from '@switchyard/core';
import { planEmbedded } from './plans/embedded.js';
import { planLlamaCppPython } from './plans/llama-cpp-python.js';
import { planLlamaServer } from './plans/llama-server.js';
import type { RuntimePlanInput } from './plans/plan-input.js';
import { chooseRuntime, type LlamaCppRuntime } from './runtimes.js';

const PLANNERS: Readonly<Record<LlamaCppRuntime, (input: RuntimePlanInput) => LaunchPlan>> = {
  'llama-server': planLlamaServer,
  'llama-cpp-python': planLlamaCppPython,
  'node-llama-cpp': planEmbedded,
};

/** Chooses the runtime (see chooseRuntime) and returns its plan; `runtimeReason` says why. */
export function planLlamaCpp(spec: ModelSpec, host: HostInfo, options: ResolvedLaunchOptions): LaunchPlan {
  const choice = chooseRuntime(spec, host, options);
  const name = servedModelName(spec, options);
  refuseUnsupportedOptions('llama.cpp', [
    {
      field: 'tensorParallel',
      given: (options.tensorParallel ?? 1) > 1,
      message:
        'llama.cpp has no tensor-parallel degree: it splits a model by layers over every GPU it sees; drop `tensorParallel` and choose the GPUs with `gpus`',
    },
    {
      field: 'servedName',
      given: choice.runtime === 'llama-server' && name.includes(','),
      message: `llama-server reads its --alias as a comma-separated list, so "${name}" would be several names; choose a name without commas`,
    },
  ]);
  return PLANNERS[choice.runtime]({ spec, host, options, choice, name });
}
