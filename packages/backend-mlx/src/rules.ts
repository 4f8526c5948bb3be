import { type Rule, rules } from '@switchyard/core';
import { appleSiliconRule } from './apple-silicon-rule.js';

const ENGINE = 'MLX';

/** MLX's rule, one entry per condition so each failure gets its own reason. */
export const mlxRules: readonly Rule[] = [
  rules.format(
    ENGINE,
    ['mlx'],
    'use an MLX build of the model (mlx-community publishes many) or convert it with mlx_lm.convert',
  ),
  rules.os(ENGINE, ['darwin']),
  appleSiliconRule,
  rules.installed(ENGINE, 'mlx-lm', 'pip install mlx-lm'),
];
