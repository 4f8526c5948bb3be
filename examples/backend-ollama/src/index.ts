import { defineBackend, definePlugin } from '@switchyard/core';
import { planOllama } from './plan.js';
import { ollamaRules } from './rules.js';

/**
 * Priority 60, just below Switchyard's own llama.cpp backend (70): both run the same GGUF files
 * with llama.cpp underneath, and the llama.cpp backend needs no separate pull step.
 */
export const ollamaBackend = defineBackend({
  name: 'ollama',
  displayName: 'Ollama',
  priority: 60,
  defaultPort: 11434,
  description: 'GGUF models pulled from Hugging Face, served by `ollama serve` on any OS.',
  // Host detection looks for `ollama` on PATH; `ollama --version` prints "ollama version is 0.9.0".
  runtimes: [{ name: 'ollama', executable: 'ollama' }],
  rules: ollamaRules,
  plan: planOllama,
});

export { ollamaModelName, planOllama } from './plan.js';
export { ollamaRules } from './rules.js';

export default definePlugin({ name: 'switchyard-backend-ollama', apiVersion: 1, backends: [ollamaBackend] });
