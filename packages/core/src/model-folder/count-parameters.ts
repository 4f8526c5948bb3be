import { bitsOf, type SafetensorsTensor } from './safetensors-header.js';

/**
 * Tensors that describe a quantization rather than hold parameters: GPTQ/AWQ zero points, scales
 * and group indices, MLX's per-group scales and biases, compressed-tensors' scales and shapes,
 * bitsandbytes' quantization state.
 */
const QUANTIZATION_STATE =
  /(?:^|\.)(?:qzeros|scales|g_idx|biases|weight_scale|weight_zero_point|weight_shape|weight_g_idx|weight_global_scale|input_scale|absmax|quant_map|nested_absmax|nested_quant_map|quant_state\..+|SCB|weight_format)$/;
const INTEGER = /^[IU]\d+$/;
/** Repeating blocks: `model.layers.N.`, GPT-2's `h.N.`, `blocks.N.`. */
const BLOCK = /(?:^|\.)(?:layers|h|blocks)\.\d+\./;

export interface TensorTotals {
  readonly parameterCount: number;
  /** Bytes of the repeating blocks alone. */
  readonly layerBytes: number;
}

/**
 * Parameters from tensor shapes: a float tensor's elements; a packed integer weight holds
 * `dtype bits / bits` parameters per element (an int32 of a 4-bit GPTQ model holds 8).
 */
export function countParameters(tensors: readonly SafetensorsTensor[], bits: number | undefined): TensorTotals {
  let parameterCount = 0;
  let layerBytes = 0;
  for (const tensor of tensors) {
    if (BLOCK.test(tensor.name)) layerBytes += tensor.bytes;
    if (QUANTIZATION_STATE.test(tensor.name)) continue;
    const elements = tensor.shape.reduce((product, d) => product * d, 1);
    const packing = bits !== undefined && INTEGER.test(tensor.dtype) ? (bitsOf(tensor.dtype) ?? bits) / bits : 1;
    parameterCount += elements * packing;
  }
  return { parameterCount, layerBytes };
}
