import { apiKeyEnv, cudaDevicesEnv, flag, healthCheck, type LaunchPlan } from '@switchyard/core';
import { RUNTIME_INSTALL } from '../runtimes.js';
import { hasGpu, type RuntimePlanInput } from './plan-input.js';

/** Offloads every layer (llama.cpp caps the number at the model's layer count) unless the plan offloads only some. */
const ALL_LAYERS = '999';

/**
 * `llama-server -m FILE` (tools/server, common/arg.cpp). A spec with only a hub id is fetched with
 * `-hf repo[:quant]`, or `-hf repo --hf-file FILE` when the catalog names the file (llama.cpp then
 * fetches the other shards of a split model itself). The API key goes through LLAMA_API_KEY, which llama-server reads like
 * `--api-key`, so it never appears in argv.
 */
export function planLlamaServer({ spec, host, options, choice, name }: RuntimePlanInput): LaunchPlan {
  const key = apiKeyEnv('LLAMA_API_KEY', options);
  const model =
    spec.modelPath !== undefined
      ? ['-m', spec.modelPath]
      : spec.hubFile !== undefined
        ? ['-hf', spec.hubId ?? '', '--hf-file', spec.hubFile]
        : ['-hf', hubReference(spec.hubId ?? '', spec.quantization)];
  return {
    backend: 'llamacpp',
    runtime: 'llama-server',
    runtimeReason: choice.reason,
    command: 'llama-server',
    args: [
      ...model,
      '--host',
      options.bind,
      '--port',
      String(options.port),
      '--alias',
      name,
      ...flag('--ctx-size', options.contextLength),
      '--n-gpu-layers',
      hasGpu(host) ? String(options.gpuLayers ?? ALL_LAYERS) : '0',
      ...options.extraArgs,
    ],
    env: { ...cudaDevicesEnv(options), ...key.env },
    secretEnv: key.secretEnv,
    host: options.bind,
    port: options.port,
    servedModelName: name,
    readiness: healthCheck('llama-server listens before the model is loaded and answers /health with 503 until it is.'),
    stopSignal: 'SIGTERM',
    installHint: RUNTIME_INSTALL['llama-server'],
  };
}

/** `repo:QUANT` picks the quantization inside a GGUF repository; a repo that names one is kept. */
function hubReference(hubId: string, quantization: string): string {
  return hubId.includes(':') || quantization === 'none' ? hubId : `${hubId}:${quantization}`;
}
