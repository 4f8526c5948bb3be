import { tensorDataBytes } from './ggml-types.js';
import { GgufCorruptError, GgufTensorDataTruncatedError } from './gguf-errors.js';
import type { GgufHeader, GgufValue } from './gguf-header.js';

/** gguf.h's GGUF_DEFAULT_ALIGNMENT, used when `general.alignment` is absent. */
const DEFAULT_ALIGNMENT = 32;

/** Where the tensor data starts: the header's end rounded up to `general.alignment`, as gguf.cpp reads it. */
export function tensorDataOffset(path: string, headerBytes: number, alignment: GgufValue | undefined): number {
  const align = alignment === undefined ? DEFAULT_ALIGNMENT : alignment;
  if (typeof align !== 'number' || !Number.isInteger(align) || align <= 0 || (align & (align - 1)) !== 0) {
    throw new GgufCorruptError(path, `general.alignment is ${String(align)}, not a power of two`);
  }
  return Math.ceil(headerBytes / align) * align;
}

/**
 * Refuses a file too short for its tensors: the end is the furthest tensor's offset plus its size.
 * A tensor of a type ggml-types.ts does not know is left out rather than refused: a newer ggml type
 * is no sign of damage, and the engine that loads the file knows its own types.
 */
export function assertTensorDataPresent(path: string, header: GgufHeader, fileBytes: number): void {
  let neededBytes = 0;
  for (const tensor of header.tensors) {
    const bytes = tensorDataBytes(tensor.type, tensor.dimensions);
    if (bytes !== undefined) neededBytes = Math.max(neededBytes, header.dataOffset + tensor.offset + bytes);
  }
  if (neededBytes > fileBytes) throw new GgufTensorDataTruncatedError(path, fileBytes, neededBytes);
}
