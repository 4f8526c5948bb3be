import {
  consoleScript,
  cudaDevicesEnv,
  flag,
  type HostInfo,
  healthCheck,
  type LaunchPlan,
  type ModelSpec,
  modelLocation,
  nvidiaGpus,
  type ResolvedLaunchOptions,
  refuseUnsupportedOptions,
  servedModelName,
} from '@switchyard/core';
import { bnbQuantization } from './bnb-quantization.js';

/**
 * `transformers serve MODEL` (src/transformers/cli/serve.py). MODEL is positional and preloaded, and
 * every request is answered by it whatever model id it names, so any served name works without a
 * flag. Devices come from CUDA_VISIBLE_DEVICES with the default `--device auto` spreading the model
 * over them.
 */
export function planTransformers(spec: ModelSpec, host: HostInfo, options: ResolvedLaunchOptions): LaunchPlan {
  refuseUnsupported(host, options);
  return {
    backend: 'transformers',
    runtime: 'transformers',
    command: consoleScript(host, 'transformers', 'transformers'),
    args: [
      'serve',
      modelLocation(spec),
      '--host',
      options.bind,
      '--port',
      String(options.port),
      ...flag('--quantization', bnbQuantization(spec)),
      ...options.extraArgs,
    ],
    env: cudaDevicesEnv(options),
    secretEnv: [],
    host: options.bind,
    port: options.port,
    servedModelName: servedModelName(spec, options),
    readiness: healthCheck(
      'transformers serve loads MODEL before it opens its port, so /health answers 200 from its first answer.',
    ),
    stopSignal: 'SIGTERM',
    installHint: 'pip install "transformers[serving]" torch',
  };
}

/** Options transformers serve has no flag for: refused, so that none is silently dropped. */
function refuseUnsupported(host: HostInfo, options: ResolvedLaunchOptions): void {
  refuseUnsupportedOptions('transformers', [
    {
      field: 'apiKey',
      given: options.apiKey !== undefined,
      message: 'transformers serve has no API key support; drop --api-key, or put an authenticating proxy in front',
    },
    {
      field: 'tensorParallel',
      given: (options.tensorParallel ?? 1) > 1,
      message:
        'transformers serve has no tensor parallelism; it spreads a model over the visible GPUs by itself: drop --tensor-parallel and choose GPUs with --gpus',
    },
    {
      field: 'contextLength',
      given: options.contextLength !== undefined,
      message:
        "transformers serve uses the model's own context length and has no flag to change it; drop --context-length",
    },
    {
      field: 'gpus',
      given: options.gpus !== undefined && nvidiaGpus(host).length === 0,
      message: '--gpus picks CUDA devices, and this host has no NVIDIA GPU; drop --gpus',
    },
  ]);
}
