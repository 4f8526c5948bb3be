import { type Rule, rules } from '@switchyard/core';
import { SGLANG_MODEL_FAMILIES } from './model-families.js';
import { SGLANG_ARCHITECTURES } from './supported-architectures.js';

const FORMAT_FIX = 'use its Hugging Face weights in one of those formats';
const ENGINE = 'SGLang';

/** SGLang's rule, one entry per condition so each failure gets its own reason. */
export function sglangRulesFor(families: readonly string[]): readonly Rule[] {
  return [
    rules.format(ENGINE, ['pytorch', 'gptq', 'awq'], FORMAT_FIX),
    rules.quantization(ENGINE, { pytorch: ['none'], gptq: ['Int4'], awq: ['Int4'] }),
    rules.os(ENGINE, ['linux']),
    rules.nvidiaGpu(ENGINE),
    rules.modelSupport(ENGINE, {
      families,
      runtime: 'sglang',
      architectures: SGLANG_ARCHITECTURES,
      upgrade: 'pip install -U sglang',
    }),
    rules.installed(ENGINE, 'sglang', 'pip install sglang'),
  ];
}

export const sglangRules = sglangRulesFor(SGLANG_MODEL_FAMILIES);
