import type { PythonRuntimeDetection } from '@switchyard/core';

/** `EntryClass = Qwen2ForCausalLM` or `EntryClass = [A, B]`: the classes a model file registers. */
const ENTRY_CLASS = /^EntryClass\s*=\s*(\[[^\]]*\]|\w+)/gm;

/**
 * How host detection finds SGLang: its distribution, and its model registry — SGLang registers
 * each file of sglang/srt/models by its `EntryClass`, under the class's name.
 */
export const sglangRuntime: PythonRuntimeDetection = {
  name: 'sglang',
  pythonPackage: 'sglang',
  modelRegistry: {
    module: 'sglang',
    files: ['srt/models/*.py'],
    architecturesIn: (source) =>
      [...source.matchAll(ENTRY_CLASS)].flatMap((match) => (match[1] as string).match(/[A-Za-z_]\w*/g) ?? []),
  },
};
