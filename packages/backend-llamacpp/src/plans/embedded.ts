import { createRequire } from 'node:module';
import { apiKeyEnv, cudaDevicesEnv, flag, healthCheck, type LaunchPlan } from '@switchyard/core';
import { RUNTIME_INSTALL } from '../runtimes.js';
import { hasGpu, modelFile, type RuntimePlanInput } from './plan-input.js';

/**
 * The embedded server's compiled entry point, resolved through this package's own `exports` so that
 * it is found wherever the package is installed, and also when the CLI bundles this module. Resolved
 * when a plan needs it, not when the module loads: every CLI run loads this module.
 */
export function embeddedServerScript(): string {
  return createRequire(import.meta.url).resolve('@switchyard/backend-llamacpp/embedded-server');
}

/**
 * The embedded runtime: this package's own OpenAI-compatible server on node-llama-cpp, run by the
 * same Node binary as Switchyard. It takes the API key from LLAMA_API_KEY, like llama-server.
 */
export function planEmbedded({ spec, host, options, choice, name }: RuntimePlanInput): LaunchPlan {
  const key = apiKeyEnv('LLAMA_API_KEY', options);
  return {
    backend: 'llamacpp',
    runtime: 'node-llama-cpp',
    runtimeReason: choice.reason,
    command: process.execPath,
    args: [
      embeddedServerScript(),
      '--model',
      modelFile(spec),
      '--host',
      options.bind,
      '--port',
      String(options.port),
      '--alias',
      name,
      ...flag('--ctx-size', options.contextLength),
      // Skips probing for GPU libraries where there is no GPU: faster start, same result.
      '--gpu',
      hasGpu(host) ? 'auto' : 'false',
      ...options.extraArgs,
    ],
    env: { ...cudaDevicesEnv(options), ...key.env },
    secretEnv: key.secretEnv,
    host: options.bind,
    port: options.port,
    servedModelName: name,
    readiness: healthCheck(
      'The embedded server listens at once and answers /health with 503 until the model is loaded.',
    ),
    stopSignal: 'SIGTERM',
    installHint: RUNTIME_INSTALL['node-llama-cpp'],
  };
}
