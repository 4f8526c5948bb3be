import type { ModelFormat } from './model-format.js';

const NONE_SPELLINGS = new Set(['', 'none', 'null', 'no', 'unquantized']);
const BIT_WIDTH = /^(?:int|q)?[\s_-]*([1-9]\d?)[\s_-]*(?:bits?|b)?$/i;

/**
 * Brings a quantization name to its canonical spelling for the given format, so that rules compare
 * like with like: for gptq, awq and bnb `int4`, `INT4`, `4bit`, `4bits` and `4-bit` all become `Int4`;
 * GGUF types are upper-cased (`q4_k_m` → `Q4_K_M`); MLX bit widths become `4bit`; "none" in its
 * spellings becomes `none`. A name we do not recognise is kept as given for the engines to judge.
 */
export function normalizeQuantization(format: ModelFormat, quantization: string | null | undefined): string {
  const raw = (quantization ?? '').trim();
  if (NONE_SPELLINGS.has(raw.toLowerCase())) return 'none';
  const bits = BIT_WIDTH.exec(raw)?.[1];
  switch (format) {
    case 'gptq':
    case 'awq':
    case 'bnb':
      return bits ? `Int${bits}` : raw;
    case 'mlx':
      return bits ? `${bits}bit` : raw.toLowerCase();
    case 'ggufv2':
    case 'ggmlv3':
      return raw.toUpperCase();
    case 'fp8':
    case 'pytorch':
      return raw;
  }
}
