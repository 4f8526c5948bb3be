/** A metadata value as stored: 64-bit integers beyond 2^53 stay bigints, arrays keep their order. */
export type GgufValue = number | bigint | boolean | string | GgufSkippedValue | readonly GgufValue[];

/**
 * A string or array the reader seeks past instead of keeping, so a huge one costs no memory: any
 * over 64 KiB, and every array of arrays. `length` counts a string's bytes or an array's items.
 */
export interface GgufSkippedValue {
  readonly skipped: true;
  readonly type: typeof GgufValueType.STRING | typeof GgufValueType.ARRAY;
  /** An array's item type. */
  readonly itemType?: number;
  readonly length: number;
}

export interface GgufTensorInfo {
  readonly name: string;
  /** Dimensions as ggml orders them (innermost first). */
  readonly dimensions: readonly number[];
  /** ggml's tensor type id, e.g. 0 for F32, 12 for Q4_K. */
  readonly type: number;
  /** Offset of the tensor's data from the start of the data section. */
  readonly offset: number;
}

/** Everything in a GGUF file before its tensor data. */
export interface GgufHeader {
  readonly version: 2 | 3;
  readonly tensorCount: number;
  readonly metadata: ReadonlyMap<string, GgufValue>;
  readonly tensors: readonly GgufTensorInfo[];
  /** Bytes the header occupies, i.e. where the tensor infos end. */
  readonly headerBytes: number;
  /** Where the tensor data starts: `headerBytes` rounded up to `general.alignment`. */
  readonly dataOffset: number;
}

/** GGUF metadata value types (ggml/include/gguf.h `enum gguf_type`). */
export const GgufValueType = {
  UINT8: 0,
  INT8: 1,
  UINT16: 2,
  INT16: 3,
  UINT32: 4,
  INT32: 5,
  FLOAT32: 6,
  BOOL: 7,
  STRING: 8,
  ARRAY: 9,
  UINT64: 10,
  INT64: 11,
  FLOAT64: 12,
} as const;
export type GgufValueType = (typeof GgufValueType)[keyof typeof GgufValueType];
