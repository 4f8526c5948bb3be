import { type Rule, rules } from '@switchyard/core';
import { canLoad, LLAMACPP_RUNTIMES, noRuntimeMessage, unloadableMessage } from './runtimes.js';

const ENGINE = 'llama.cpp';
const anyFormat = rules.format(
  ENGINE,
  ['ggufv2'],
  "use a GGUF build of the model, or convert it with llama.cpp's convert_hf_to_gguf.py",
);

/** llama.cpp runs GGUF on any OS, CPU or GPU, with any one of its runtimes installed. */
export const llamaCppRules: readonly Rule[] = [
  {
    id: 'format',
    check: anyFormat.check,
    reason: (spec, host) =>
      spec.format === 'ggmlv3'
        ? "GGML files (ggmlv3) no longer load in llama.cpp; convert the model to GGUF with llama.cpp's convert_llama_ggml_to_gguf.py script, or download a GGUF build of it."
        : anyFormat.reason(spec, host),
  },
  {
    id: 'installed:llama.cpp-runtime',
    check: (_spec, host) => LLAMACPP_RUNTIMES.some((runtime) => Object.hasOwn(host.engines, runtime)),
    reason: noRuntimeMessage,
  },
  {
    // Eligible means a plan can be made: a model only on the hub needs a runtime that downloads.
    id: 'loadable',
    check: canLoad,
    reason: unloadableMessage,
  },
];
