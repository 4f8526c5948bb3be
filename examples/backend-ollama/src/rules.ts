import { type Rule, rules } from '@switchyard/core';

const ENGINE = 'Ollama';

/** How to install Ollama, shown when it is missing. */
export const INSTALL_OLLAMA =
  'curl -fsSL https://ollama.com/install.sh | sh, or the app from https://ollama.com/download';

/** Ollama runs GGUF on any OS, CPU or GPU; it pulls the weights itself, by Hugging Face repository. */
export const ollamaRules: readonly Rule[] = [
  rules.format(ENGINE, ['ggufv2']),
  {
    id: 'hugging-face-repo',
    check: (spec) => spec.hubId !== undefined,
    reason: () =>
      'Ollama pulls GGUF models from Hugging Face by repository (hf.co/<repo>:<quantization>) and this model names none; give its hubId, or run a local file with llama.cpp.',
  },
  rules.installed(ENGINE, 'ollama', INSTALL_OLLAMA),
];
