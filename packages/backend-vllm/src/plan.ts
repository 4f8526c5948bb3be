import {
  apiKeyEnv,
  consoleScript,
  cudaDevicesEnv,
  flag,
  type HostInfo,
  healthCheck,
  type LaunchPlan,
  type ModelSpec,
  modelLocation,
  type ResolvedLaunchOptions,
  servedModelName,
  tensorParallelSize,
} from '@switchyard/core';

/**
 * `vllm serve MODEL` with vLLM's own flags (vllm/entrypoints/openai/cli_args.py). The API key goes
 * through VLLM_API_KEY, which vLLM reads when --api-key is absent, so it never appears in argv.
 */
export function planVllm(spec: ModelSpec, host: HostInfo, options: ResolvedLaunchOptions): LaunchPlan {
  const key = apiKeyEnv('VLLM_API_KEY', options);
  const name = servedModelName(spec, options);
  const tensorParallel = tensorParallelSize(host, options);
  return {
    backend: 'vllm',
    runtime: 'vllm',
    command: consoleScript(host, 'vllm', 'vllm'),
    args: [
      'serve',
      modelLocation(spec),
      '--host',
      options.bind,
      '--port',
      String(options.port),
      '--served-model-name',
      name,
      ...(tensorParallel > 1 ? ['--tensor-parallel-size', String(tensorParallel)] : []),
      ...flag('--max-model-len', options.contextLength),
      ...flag('--gpu-memory-utilization', options.gpuMemoryFraction),
      ...options.extraArgs,
    ],
    env: { ...cudaDevicesEnv(options), ...key.env },
    secretEnv: key.secretEnv,
    host: options.bind,
    port: options.port,
    servedModelName: name,
    readiness: healthCheck(
      'vLLM binds its port early but only accepts connections once the engine is built; /health then answers 200.',
    ),
    stopSignal: 'SIGTERM',
    installHint: 'pip install vllm',
  };
}
