import { definePlugin } from '@switchyard/core';
import { llamaCppBackend } from './llamacpp-backend.js';

export { llamaCppMemoryProfile } from './memory-profile.js';
export { planLlamaCpp } from './plan.js';
export { EMBEDDED_SERVER_SCRIPT } from './plans/embedded.js';
export { llamaCppRules } from './rules.js';
export {
  chooseRuntime,
  LLAMACPP_RUNTIMES,
  type LlamaCppRuntime,
  RUNTIME_INSTALL,
  type RuntimeChoice,
} from './runtimes.js';
export { llamaCppBackend };

export default definePlugin({ name: '@switchyard/backend-llamacpp', apiVersion: 1, backends: [llamaCppBackend] });
