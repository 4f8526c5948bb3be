import { definePlugin, type SwitchyardPlugin } from '@switchyard/core';
import { createTransformersBackend, type TransformersOptions, transformersBackend } from './transformers-backend.js';

export { bnbQuantization } from './bnb-quantization.js';
export { planTransformers } from './plan.js';
export { transformersRules } from './rules.js';
export { createTransformersBackend, type TransformersOptions, transformersBackend };

/**
 * The plugin, configured, in the style of the AI SDK's `createOpenAI`: e.g.
 * `createTransformers({ priority: 120 })`.
 */
export function createTransformers(options: TransformersOptions = {}): SwitchyardPlugin {
  return definePlugin({
    name: '@switchyard/backend-transformers',
    apiVersion: 1,
    backends: [createTransformersBackend(options)],
  });
}

export default createTransformers();
