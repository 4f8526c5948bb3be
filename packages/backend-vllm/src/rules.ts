import { type Rule, rules } from '@switchyard/core';
import { VLLM_MODEL_FAMILIES } from './model-families.js';
import { VLLM_ARCHITECTURES } from './supported-architectures.js';

const FORMAT_FIX = 'use its Hugging Face weights in one of those formats';
const ENGINE = 'vLLM';

/** The seed's vLLM rule, one entry per condition so each failure gets its own reason. */
export function vllmRulesFor(families: readonly string[]): readonly Rule[] {
  return [
    rules.format(ENGINE, ['pytorch', 'gptq', 'awq'], FORMAT_FIX),
    rules.quantization(ENGINE, { pytorch: ['none'], awq: ['Int4'], gptq: ['Int3', 'Int4', 'Int8'] }),
    rules.os(ENGINE, ['linux']),
    rules.nvidiaGpu(ENGINE),
    rules.modelSupport(ENGINE, {
      families,
      runtime: 'vllm',
      architectures: VLLM_ARCHITECTURES,
      upgrade: 'pip install -U vllm',
    }),
    rules.installed(ENGINE, 'vllm', 'pip install vllm'),
  ];
}

export const vllmRules = vllmRulesFor(VLLM_MODEL_FAMILIES);
