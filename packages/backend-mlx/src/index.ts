import { definePlugin } from '@switchyard/core';
import { mlxBackend } from './mlx-backend.js';

export { appleSiliconRule } from './apple-silicon-rule.js';
export { planMlx } from './plan.js';
export { mlxRules } from './rules.js';
export { mlxBackend };

export default definePlugin({ name: '@switchyard/backend-mlx', apiVersion: 1, backends: [mlxBackend] });
