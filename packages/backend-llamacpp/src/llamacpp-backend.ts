import { type DefinedBackend, defineBackend } from '@switchyard/core';
import { llamaCppMemoryProfile } from './memory-profile.js';
import { planLlamaCpp } from './plan.js';
import { llamaCppRules } from './rules.js';
import { needsLocalFiles } from './runtimes.js';

/** How a composer configures the backend: its place among the engines. */
export interface LlamaCppOptions {
  /** Replaces the priority (70) among the engines. */
  readonly priority?: number;
}

/**
 * Priority 70: below the GPU servers (vLLM 100, SGLang 90) and MLX (80), which serve faster where
 * they fit, and far above transformers (10). Few engines take GGUF at all, so the number mostly
 * matters to plugins that add one; and on a machine with no GPU and no Python, llama.cpp's embedded
 * runtime is what still runs a model.
 */
export function createLlamaCppBackend(options: LlamaCppOptions = {}): DefinedBackend {
  return defineBackend({
    name: 'llamacpp',
    displayName: 'llama.cpp',
    priority: options.priority ?? 70,
    defaultPort: 8080,
    description: 'GGUF models on any OS, CPU or GPU: llama-server, llama-cpp-python, or the embedded node-llama-cpp.',
    rules: llamaCppRules,
    plan: planLlamaCpp,
    // llama-server, the first choice where installed, turns flash attention on (`-fa auto`);
    // llama-cpp-python and node-llama-cpp leave it off, so their attention scores need room.
    memory: (host) => llamaCppMemoryProfile(Object.hasOwn(host.engines, 'llama-server')),
    needsLocalFiles: (spec, host, launch) =>
      needsLocalFiles(spec, host, launch.runtime === undefined ? {} : { runtime: launch.runtime }),
  });
}

export const llamaCppBackend = createLlamaCppBackend();
