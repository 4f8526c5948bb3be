import {
  type HostInfo,
  type LaunchPlan,
  type ModelSpec,
  type ResolvedLaunchOptions,
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
  return PLANNERS[choice.runtime]({ spec, host, options, choice, name: servedModelName(spec, options) });
}
