import { definePlugin } from '@switchyard/core';
import { sglangBackend } from './sglang-backend.js';

export { SGLANG_MEMORY_PROFILE } from './memory-profile.js';
export { SGLANG_MODEL_FAMILIES } from './model-families.js';
export { planSglang } from './plan.js';
export { sglangRules } from './rules.js';
export { sglangRuntime } from './runtime.js';
export { SGLANG_ARCHITECTURES } from './supported-architectures.js';
export { sglangBackend };

export default definePlugin({ name: '@switchyard/backend-sglang', apiVersion: 1, backends: [sglangBackend] });
