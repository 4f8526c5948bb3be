import { definePlugin, type SwitchyardPlugin } from '@switchyard/core';
import { createVllmBackend, type VllmOptions, vllmBackend } from './vllm-backend.js';

export { VLLM_MEMORY_PROFILE } from './memory-profile.js';
export { VLLM_MODEL_FAMILIES } from './model-families.js';
export { planVllm } from './plan.js';
export { vllmRules } from './rules.js';
export { vllmRuntime } from './runtime.js';
export { VLLM_ARCHITECTURES } from './supported-architectures.js';
export { createVllmBackend, type VllmOptions, vllmBackend };

/**
 * The plugin, configured, in the style of the AI SDK's `createOpenAI`: e.g.
 * `createVllm({ priority: 120 })` or `createVllm({ families: [...VLLM_MODEL_FAMILIES, 'my-family'] })`.
 */
export function createVllm(options: VllmOptions = {}): SwitchyardPlugin {
  return definePlugin({ name: '@switchyard/backend-vllm', apiVersion: 1, backends: [createVllmBackend(options)] });
}

export default createVllm();
