import { bitsPerWeight } from '../memory/weight-memory.js';
import type { ModelFormat } from '../spec/model-format.js';

/** GGUF's 1-, 2- and 3-bit types: Q3_K_*, Q2_K, IQ3_*, IQ2_*, IQ1_*, TQ1_0/TQ2_0 (Unsloth's UD- variants too). */
const LOW_BIT_GGUF = /^(?:UD-)?(?:I?Q[123]_|TQ\d)/i;

/**
 * A quantization below 4 bits per weight, which loses enough quality that a smaller model at 4
 * bits or more serves better: GGUF's Q3/Q2/IQ3/IQ2/IQ1/TQ types (by name: some 3-bit mixes
 * average above 4 bits), and GPTQ/AWQ/bitsandbytes/MLX widths of 3 bits or fewer.
 */
export function belowFourBits(format: ModelFormat, quantization: string): boolean {
  if (format === 'ggufv2' || format === 'ggmlv3') return LOW_BIT_GGUF.test(quantization);
  return bitsPerWeight(format, quantization) < 4;
}
