import { defineBackend } from '@switchyard/core';
import { planVllm } from './plan.js';
import { vllmRules } from './rules.js';
import { vllmRuntime } from './runtime.js';

/**
 * Priority 100, the highest of the first-party engines: where vLLM's strict rules hold (Linux, CUDA,
 * a listed family, unquantized or GPTQ/AWQ weights) its paged attention and continuous batching give
 * the best serving throughput.
 */
export const vllmBackend = defineBackend({
  name: 'vllm',
  displayName: 'vLLM',
  priority: 100,
  defaultPort: 8000,
  description: 'High-throughput serving with PagedAttention on NVIDIA GPUs (Linux).',
  runtimes: [vllmRuntime],
  rules: vllmRules,
  plan: planVllm,
});
