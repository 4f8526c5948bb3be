import {
  cudaDevicesEnv,
  type HostInfo,
  InvalidInputError,
  type LaunchPlan,
  type ModelSpec,
  type ResolvedLaunchOptions,
  refuseUnsupportedOptions,
} from '@switchyard/core';
import { INSTALL_OLLAMA } from './rules.js';

/** The name Ollama gives a GGUF model it pulls from Hugging Face: `hf.co/<repo>:<quantization>`. */
export function ollamaModelName(spec: ModelSpec): string {
  if (spec.hubId === undefined) {
    throw new InvalidInputError(
      'model spec for Ollama',
      [{ field: 'hubId', message: 'Ollama pulls models by Hugging Face repository; give the hubId' }],
      'Give the spec a `hubId`: the Hugging Face repository Ollama pulls its GGUF from.',
    );
  }
  return `hf.co/${spec.hubId}:${spec.quantization}`;
}

/**
 * `ollama serve`. It takes no arguments: the address comes from OLLAMA_HOST (`host:port`, default
 * 127.0.0.1:11434) and the default context window from OLLAMA_CONTEXT_LENGTH. Ollama loads a model
 * on its first request, so the server is ready as soon as GET / answers "Ollama is running"; the
 * model must have been pulled (`ollama pull hf.co/<repo>:<quantization>`).
 */
export function planOllama(spec: ModelSpec, _host: HostInfo, options: ResolvedLaunchOptions): LaunchPlan {
  refuseUnsupportedOptions(
    'Ollama',
    [
      {
        field: 'apiKey',
        given: options.apiKey !== undefined,
        message: 'Ollama has no API key; put a proxy in front of it',
      },
      {
        field: 'servedName',
        given: options.servedName !== undefined,
        message: 'Ollama serves a model under the name it was pulled as',
      },
      {
        field: 'tensorParallel',
        given: options.tensorParallel !== undefined,
        message: 'Ollama splits a model over GPUs by itself',
      },
      { field: 'extraArgs', given: options.extraArgs.length > 0, message: '`ollama serve` takes no arguments' },
    ],
    'Leave these options out to launch Ollama.',
  );
  const address = options.bind.includes(':') ? `[${options.bind}]` : options.bind;
  return {
    backend: 'ollama',
    runtime: 'ollama',
    command: 'ollama',
    args: ['serve'],
    env: {
      OLLAMA_HOST: `${address}:${options.port}`,
      ...(options.contextLength ? { OLLAMA_CONTEXT_LENGTH: String(options.contextLength) } : {}),
      ...cudaDevicesEnv(options),
    },
    secretEnv: [],
    host: options.bind,
    port: options.port,
    servedModelName: ollamaModelName(spec),
    readiness: {
      method: 'GET',
      path: '/',
      expectStatus: 200,
      note: 'ollama serve answers GET / with "Ollama is running" once it listens; it loads the model on the first request.',
    },
    stopSignal: 'SIGTERM',
    installHint: INSTALL_OLLAMA,
  };
}
