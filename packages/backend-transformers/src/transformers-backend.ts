import { type DefinedBackend, defineBackend } from '@switchyard/core';
import { planTransformers } from './plan.js';
import { transformersRules } from './rules.js';

/** How a composer configures the backend: its place among the engines. */
export interface TransformersOptions {
  /** Replaces the priority (10) among the engines. */
  readonly priority?: number;
}

/**
 * Priority 10, the lowest: Transformers runs nearly any PyTorch, GPTQ, AWQ or bitsandbytes model on
 * any OS, on CPU or GPU, but serves far slower than the dedicated engines. It is the fallback that
 * catches what nothing faster fits, e.g. phi-3 on a CUDA host, where vLLM and SGLang do not list it.
 */
export function createTransformersBackend(options: TransformersOptions = {}): DefinedBackend {
  return defineBackend({
    name: 'transformers',
    displayName: 'Transformers',
    priority: options.priority ?? 10,
    defaultPort: 8000,
    description: "Hugging Face's reference implementation: runs almost any PyTorch model, on CPU or GPU.",
    rules: transformersRules,
    plan: planTransformers,
  });
}

export const transformersBackend = createTransformersBackend();
