import { InvalidInputError, type ModelSpec, normalizeQuantization } from '@switchyard/core';

// NF4 and FP4 are bitsandbytes' two 4-bit data types; transformers serve loads either with bnb-4bit.
const BNB_MODES: Readonly<Record<string, string>> = {
  Int4: 'bnb-4bit',
  NF4: 'bnb-4bit',
  FP4: 'bnb-4bit',
  Int8: 'bnb-8bit',
};

const loadsAtLoadTime = (spec: ModelSpec) => spec.format === 'bnb' || spec.format === 'pytorch';

function bnbMode(spec: ModelSpec): string | undefined {
  const quantization = normalizeQuantization('bnb', spec.quantization);
  return BNB_MODES[quantization] ?? BNB_MODES[quantization.toUpperCase()];
}

/** Whether transformers serve can load the spec's quantization: GPTQ and AWQ carry their own. */
export function loadsQuantization(spec: ModelSpec): boolean {
  return !loadsAtLoadTime(spec) || spec.quantization === 'none' || bnbMode(spec) !== undefined;
}

/** Why it cannot, and what to use instead. */
export function quantizationRefusal(spec: ModelSpec): string {
  return `transformers serve loads ${spec.format} weights unquantized or with bitsandbytes in 4 or 8 bits; "${spec.quantization}" is neither: use quantization none, 4-bit (or nf4, fp4) or 8-bit.`;
}

/**
 * The `--quantization` value for bitsandbytes loading: a `bnb` model's Int4/Int8, or a PyTorch
 * model's `4-bit`/`8-bit` (Xinference's spelling for load-time bitsandbytes). GPTQ and AWQ
 * checkpoints carry their own quantization config and need no flag.
 */
export function bnbQuantization(spec: ModelSpec): string | undefined {
  if (!loadsAtLoadTime(spec) || spec.quantization === 'none') return undefined;
  const mode = bnbMode(spec);
  if (mode) return mode;
  throw new InvalidInputError(
    'model spec',
    [{ field: 'quantization', message: quantizationRefusal(spec) }],
    'Set `quantization` to one of those the message names.',
  );
}
