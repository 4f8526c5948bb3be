import type { PythonRuntimeDetection } from '@switchyard/core';

/**
 * An entry of vLLM's model registry, `"LlamaForCausalLM": ("llama", "LlamaForCausalLM"),`: the key
 * is the architecture a config.json names. Entries whose value is not a tuple (the models vLLM
 * dropped, with the release that dropped them) are not architectures it runs.
 */
const REGISTRY_ENTRY = /^\s*"([A-Z]\w*)"\s*:\s*\(/gm;

/**
 * How host detection finds vLLM: its distribution, and its model registry
 * (vllm/model_executor/models/registry.py since 0.6.3, models/__init__.py before).
 */
export const vllmRuntime: PythonRuntimeDetection = {
  name: 'vllm',
  pythonPackage: 'vllm',
  modelRegistry: {
    module: 'vllm',
    files: ['model_executor/models/registry.py', 'model_executor/models/__init__.py'],
    architecturesIn: (source) => [...source.matchAll(REGISTRY_ENTRY)].map((match) => match[1] as string),
  },
};
