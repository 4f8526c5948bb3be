import type { HostInfo, ModelSpec, ResolvedLaunchOptions } from '@switchyard/core';
import type { RuntimeChoice } from '../runtimes.js';

/** What every runtime's plan is made from: the model, the host, the options and the runtime choice. */
export interface RuntimePlanInput {
  readonly spec: ModelSpec;
  readonly host: HostInfo;
  readonly options: ResolvedLaunchOptions;
  readonly choice: RuntimeChoice;
  /** The model id clients send. */
  readonly name: string;
}

/** Whether the host has a GPU the runtimes could offload layers to. */
export const hasGpu = (host: HostInfo) => host.gpus.length > 0;

/** The GGUF file; runtimes other than llama-server are only chosen when there is one. */
export function modelFile(spec: ModelSpec): string {
  if (spec.modelPath === undefined) throw new Error(`internal: no model file for ${spec.modelName}`);
  return spec.modelPath;
}
