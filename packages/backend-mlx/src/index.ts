import { definePlugin, type SwitchyardPlugin } from '@switchyard/core';
import { createMlxBackend, type MlxOptions, mlxBackend } from './mlx-backend.js';

export { appleSiliconRule } from './apple-silicon-rule.js';
export { planMlx } from './plan.js';
export { mlxRules } from './rules.js';
export { createMlxBackend, type MlxOptions, mlxBackend };

/**
 * The plugin, configured, in the style of the AI SDK's `createOpenAI`: e.g.
 * `createMlx({ priority: 120 })`.
 */
export function createMlx(options: MlxOptions = {}): SwitchyardPlugin {
  return definePlugin({ name: '@switchyard/backend-mlx', apiVersion: 1, backends: [createMlxBackend(options)] });
}

export default createMlx();
