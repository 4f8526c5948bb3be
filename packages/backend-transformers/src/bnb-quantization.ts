import { InvalidInputError, type ModelSpec, normalizeQuantization } from '@switchyard/core';

// NF4 and FP4 are bitsandbytes' two 4-bit data types; transformers serve loads either with bnb-4bit.
const BNB_MODES: Readonly<Record<string, string>> = {
  Int4: 'bnb-4bit',
  NF4: 'bnb-4bit',
  FP4: 'bnb-4bit',
  Int8: 'bnb-8bit',
};

/**
 * The `--quantization` value for bitsandbytes loading: a `bnb` model's Int4/Int8, or a PyTorch
 * model's `4-bit`/`8-bit` (Xinference's spelling for load-time bitsandbytes). GPTQ and AWQ
 * checkpoints carry their own quantization config and need no flag.
 */
export function bnbQuantization(spec: ModelSpec): string | undefined {
  if (spec.format !== 'bnb' && spec.format !== 'pytorch') return undefined;
  if (spec.quantization === 'none') return undefined;
  const quantization = normalizeQuantization('bnb', spec.quantization);
  const mode = BNB_MODES[quantization] ?? BNB_MODES[quantization.toUpperCase()];
  if (mode) return mode;
  throw new InvalidInputError(
    'model spec',
    [
      {
        field: 'quantization',
        message: `transformers serve loads ${spec.format} weights unquantized or with bitsandbytes in 4 or 8 bits; "${spec.quantization}" is neither`,
      },
    ],
    'Use quantization none, 4-bit (or nf4, fp4) or 8-bit.',
  );
}
