import { definePlugin } from '@switchyard/core';
import { transformersBackend } from './transformers-backend.js';

export { bnbQuantization } from './bnb-quantization.js';
export { planTransformers } from './plan.js';
export { transformersRules } from './rules.js';
export { transformersBackend };

export default definePlugin({
  name: '@switchyard/backend-transformers',
  apiVersion: 1,
  backends: [transformersBackend],
});
