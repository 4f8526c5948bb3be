import { apiKeyEnv, cudaDevicesEnv, flag, type LaunchPlan, pythonFor } from '@switchyard/core';
import { RUNTIME_INSTALL } from '../runtimes.js';
import { hasGpu, modelFile, type RuntimePlanInput } from './plan-input.js';

/**
 * `python -m llama_cpp.server` from llama-cpp-python; its flags are its pydantic settings' field
 * names (llama_cpp/server/settings.py). Settings also read the environment: the API key goes in
 * API_KEY, never argv. `__main__` lets HOST and PORT from the environment override the flags, so
 * the plan sets both to the same values.
 */
export function planLlamaCppPython({ spec, host, options, choice, name }: RuntimePlanInput): LaunchPlan {
  const key = apiKeyEnv('API_KEY', options);
  return {
    backend: 'llamacpp',
    runtime: 'llama-cpp-python',
    runtimeReason: choice.reason,
    command: pythonFor(host, 'llama-cpp-python', options),
    args: [
      '-m',
      'llama_cpp.server',
      '--model',
      modelFile(spec),
      '--host',
      options.bind,
      '--port',
      String(options.port),
      '--model_alias',
      name,
      ...flag('--n_ctx', options.contextLength),
      ...(hasGpu(host) ? ['--n_gpu_layers', String(options.gpuLayers ?? -1)] : []),
      ...options.extraArgs,
    ],
    env: {
      HOST: options.bind,
      PORT: String(options.port),
      ...cudaDevicesEnv(options),
      ...key.env,
    },
    secretEnv: key.secretEnv,
    host: options.bind,
    port: options.port,
    servedModelName: name,
    readiness: {
      method: 'GET',
      // With a key, given or inherited as API_KEY, every route but the docs asks for it.
      path: '/openapi.json',
      expectStatus: 200,
      note: 'llama_cpp.server loads the model before it opens its port, so the first answer means ready.',
    },
    stopSignal: 'SIGTERM',
    installHint: RUNTIME_INSTALL['llama-cpp-python'],
  };
}
