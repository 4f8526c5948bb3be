/** How ggml stores one tensor type: `blockBytes` bytes hold `blockElements` consecutive elements. */
interface GgmlTypeLayout {
  readonly blockElements: number;
  readonly blockBytes: number;
}

const layout = (blockElements: number, blockBytes: number): GgmlTypeLayout => ({ blockElements, blockBytes });

/**
 * ggml's `type_traits` (ggml/src/ggml.c: blck_size, type_size per `enum ggml_type`), block sizes
 * from ggml/src/ggml-common.h. Ids llama.cpp removed (4, 5, 31–33, 36–38) have no layout.
 */
const GGML_TYPE_LAYOUTS: Readonly<Record<number, GgmlTypeLayout>> = {
  0: layout(1, 4), // F32
  1: layout(1, 2), // F16
  2: layout(32, 18), // Q4_0
  3: layout(32, 20), // Q4_1
  6: layout(32, 22), // Q5_0
  7: layout(32, 24), // Q5_1
  8: layout(32, 34), // Q8_0
  9: layout(32, 36), // Q8_1
  10: layout(256, 84), // Q2_K
  11: layout(256, 110), // Q3_K
  12: layout(256, 144), // Q4_K
  13: layout(256, 176), // Q5_K
  14: layout(256, 210), // Q6_K
  15: layout(256, 292), // Q8_K
  16: layout(256, 66), // IQ2_XXS
  17: layout(256, 74), // IQ2_XS
  18: layout(256, 98), // IQ3_XXS
  19: layout(256, 50), // IQ1_S
  20: layout(32, 18), // IQ4_NL
  21: layout(256, 110), // IQ3_S
  22: layout(256, 82), // IQ2_S
  23: layout(256, 136), // IQ4_XS
  24: layout(1, 1), // I8
  25: layout(1, 2), // I16
  26: layout(1, 4), // I32
  27: layout(1, 8), // I64
  28: layout(1, 8), // F64
  29: layout(256, 56), // IQ1_M
  30: layout(1, 2), // BF16
  34: layout(256, 54), // TQ1_0
  35: layout(256, 66), // TQ2_0
  39: layout(32, 17), // MXFP4
  40: layout(64, 36), // NVFP4
  41: layout(128, 18), // Q1_0
};

/**
 * Bytes a tensor's data occupies, as ggml_nbytes counts them: rows of `dimensions[0]` elements
 * packed in blocks. Undefined for a type this table does not know (newer than it, or removed).
 */
export function tensorDataBytes(type: number, dimensions: readonly number[]): number | undefined {
  const typeLayout = GGML_TYPE_LAYOUTS[type];
  if (!typeLayout) return undefined;
  const [rowElements = 1, ...rest] = dimensions;
  const rows = rest.reduce((n, d) => n * d, 1);
  return Math.ceil(rowElements / typeLayout.blockElements) * typeLayout.blockBytes * rows;
}
