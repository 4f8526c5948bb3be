import { type DefinedBackend, defineBackend } from '@switchyard/core';
import { VLLM_MEMORY_PROFILE } from './memory-profile.js';
import { VLLM_MODEL_FAMILIES } from './model-families.js';
import { planVllm } from './plan.js';
import { vllmRulesFor } from './rules.js';
import { vllmRuntime } from './runtime.js';

/** How a composer configures the backend: reorder it, or extend the models it serves. */
export interface VllmOptions {
  /** Replaces the priority (100) among the engines. */
  readonly priority?: number;
  /** The model families it serves; VLLM_MODEL_FAMILIES by default (spread it to extend it). */
  readonly families?: readonly string[];
}

/**
 * Priority 100, the highest of the first-party engines: where vLLM's strict rules hold (Linux, CUDA,
 * a listed family, unquantized or GPTQ/AWQ weights) its paged attention and continuous batching give
 * the best serving throughput.
 */
export function createVllmBackend(options: VllmOptions = {}): DefinedBackend {
  return defineBackend({
    name: 'vllm',
    displayName: 'vLLM',
    priority: options.priority ?? 100,
    defaultPort: 8000,
    description: 'High-throughput serving with PagedAttention on NVIDIA GPUs (Linux).',
    runtimes: [vllmRuntime],
    rules: vllmRulesFor(options.families ?? VLLM_MODEL_FAMILIES),
    plan: planVllm,
    memory: VLLM_MEMORY_PROFILE,
  });
}

export const vllmBackend = createVllmBackend();
