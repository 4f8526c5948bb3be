import { type Rule, rules } from '@switchyard/core';

const ENGINE = 'Transformers';

/** Any quantization, any OS, CPU or GPU: only the format and the two Python packages matter. */
export const transformersRules: readonly Rule[] = [
  rules.format(ENGINE, ['pytorch', 'gptq', 'awq', 'bnb'], 'use its Hugging Face weights in one of those formats'),
  rules.installed(ENGINE, 'transformers', 'pip install "transformers[serving]"'),
  rules.installed(ENGINE, 'torch', 'pip install torch'),
];
