import { definePlugin, type SwitchyardPlugin } from '@switchyard/core';
import { createLlamaCppBackend, type LlamaCppOptions, llamaCppBackend } from './llamacpp-backend.js';

export { llamaCppMemoryProfile } from './memory-profile.js';
export { planLlamaCpp } from './plan.js';
export { embeddedServerScript } from './plans/embedded.js';
export { llamaCppRules } from './rules.js';
export {
  chooseRuntime,
  LLAMACPP_RUNTIMES,
  type LlamaCppRuntime,
  RUNTIME_INSTALL,
  type RuntimeChoice,
} from './runtimes.js';
export { createLlamaCppBackend, type LlamaCppOptions, llamaCppBackend };

/**
 * The plugin, configured, in the style of the AI SDK's `createOpenAI`: e.g.
 * `createLlamaCpp({ priority: 120 })`.
 */
export function createLlamaCpp(options: LlamaCppOptions = {}): SwitchyardPlugin {
  return definePlugin({
    name: '@switchyard/backend-llamacpp',
    apiVersion: 1,
    backends: [createLlamaCppBackend(options)],
  });
}

export default createLlamaCpp();
