import { definePlugin } from '@switchyard/core';
import { vllmBackend } from './vllm-backend.js';

export { VLLM_MEMORY_PROFILE } from './memory-profile.js';
export { VLLM_MODEL_FAMILIES } from './model-families.js';
export { planVllm } from './plan.js';
export { vllmRules } from './rules.js';
export { vllmRuntime } from './runtime.js';
export { VLLM_ARCHITECTURES } from './supported-architectures.js';
export { vllmBackend };

export default definePlugin({ name: '@switchyard/backend-vllm', apiVersion: 1, backends: [vllmBackend] });
