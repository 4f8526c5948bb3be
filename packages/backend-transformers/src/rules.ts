import { type Rule, rules } from '@switchyard/core';
import { loadsQuantization, quantizationRefusal } from './bnb-quantization.js';

const ENGINE = 'Transformers';

/** Any OS, CPU or GPU: the format, a quantization it can load, and the two Python packages. */
export const transformersRules: readonly Rule[] = [
  rules.format(ENGINE, ['pytorch', 'gptq', 'awq', 'bnb'], 'use its Hugging Face weights in one of those formats'),
  { id: 'quantization', check: loadsQuantization, reason: quantizationRefusal },
  rules.installed(ENGINE, 'transformers', 'pip install "transformers[serving]"'),
  rules.installed(ENGINE, 'torch', 'pip install torch'),
];
