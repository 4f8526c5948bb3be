import { defineBackend } from '@switchyard/core';
import { planSglang } from './plan.js';
import { sglangRules } from './rules.js';
import { sglangRuntime } from './runtime.js';

/**
 * Priority 90, just below vLLM: SGLang needs the same Linux + CUDA setup and serves as fast (radix
 * prefix caching, continuous batching), but its model list is shorter and it takes only Int4
 * GPTQ/AWQ weights, so it wins where vLLM's rules refuse a model, e.g. mixtral-v0.1.
 */
export const sglangBackend = defineBackend({
  name: 'sglang',
  displayName: 'SGLang',
  priority: 90,
  defaultPort: 30000,
  description: 'Fast serving with RadixAttention prefix caching on NVIDIA GPUs (Linux).',
  runtimes: [sglangRuntime],
  rules: sglangRules,
  plan: planSglang,
});
