import { definePlugin, type SwitchyardPlugin } from '@switchyard/core';
import { createSglangBackend, type SglangOptions, sglangBackend } from './sglang-backend.js';

export { SGLANG_MEMORY_PROFILE } from './memory-profile.js';
export { SGLANG_MODEL_FAMILIES } from './model-families.js';
export { planSglang } from './plan.js';
export { sglangRules } from './rules.js';
export { sglangRuntime } from './runtime.js';
export { SGLANG_ARCHITECTURES } from './supported-architectures.js';
export { createSglangBackend, type SglangOptions, sglangBackend };

/**
 * The plugin, configured, in the style of the AI SDK's `createOpenAI`: e.g.
 * `createSglang({ priority: 120 })` or `createSglang({ families: [...SGLANG_MODEL_FAMILIES, 'my-family'] })`.
 */
export function createSglang(options: SglangOptions = {}): SwitchyardPlugin {
  return definePlugin({ name: '@switchyard/backend-sglang', apiVersion: 1, backends: [createSglangBackend(options)] });
}

export default createSglang();
