import { type DefinedBackend, defineBackend } from '@switchyard/core';
import { SGLANG_MEMORY_PROFILE } from './memory-profile.js';
import { SGLANG_MODEL_FAMILIES } from './model-families.js';
import { planSglang } from './plan.js';
import { sglangRulesFor } from './rules.js';
import { sglangRuntime } from './runtime.js';

/** How a composer configures the backend: reorder it, or extend the models it serves. */
export interface SglangOptions {
  /** Replaces the priority (90) among the engines. */
  readonly priority?: number;
  /** The model families it serves; SGLANG_MODEL_FAMILIES by default (spread it to extend it). */
  readonly families?: readonly string[];
}

/**
 * Priority 90, just below vLLM: SGLang needs the same Linux + CUDA setup and serves as fast (radix
 * prefix caching, continuous batching), but its model list is shorter and it takes only Int4
 * GPTQ/AWQ weights, so it wins where vLLM's rules refuse a model, e.g. mixtral-v0.1.
 */
export function createSglangBackend(options: SglangOptions = {}): DefinedBackend {
  return defineBackend({
    name: 'sglang',
    displayName: 'SGLang',
    priority: options.priority ?? 90,
    defaultPort: 30000,
    description: 'Fast serving with RadixAttention prefix caching on NVIDIA GPUs (Linux).',
    runtimes: [sglangRuntime],
    rules: sglangRulesFor(options.families ?? SGLANG_MODEL_FAMILIES),
    plan: planSglang,
    memory: SGLANG_MEMORY_PROFILE,
  });
}

export const sglangBackend = createSglangBackend();
