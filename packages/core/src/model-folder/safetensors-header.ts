import { open } from 'node:fs/promises';
import { SafetensorsCorruptError } from './model-folder-errors.js';

/** Bits per element of each safetensors dtype (the format's own list). */
const DTYPE_BITS: Readonly<Record<string, number>> = {
  BOOL: 8,
  F4: 4,
  F6_E2M3: 6,
  F6_E3M2: 6,
  U8: 8,
  I8: 8,
  F8_E5M2: 8,
  F8_E4M3: 8,
  F8_E8M0: 8,
  I16: 16,
  U16: 16,
  F16: 16,
  BF16: 16,
  I32: 32,
  U32: 32,
  F32: 32,
  C64: 64,
  F64: 64,
  I64: 64,
  U64: 64,
};

/** The format caps its JSON header at 100 MB; a larger length is a damaged file, not a model. */
const MAX_HEADER_BYTES = 100_000_000;

export interface SafetensorsTensor {
  readonly name: string;
  readonly dtype: string;
  readonly shape: readonly number[];
  /** Bytes of its data. */
  readonly bytes: number;
}

export interface SafetensorsHeader {
  readonly path: string;
  readonly tensors: readonly SafetensorsTensor[];
  /** The free-form `__metadata__` (MLX writes `{"format": "mlx"}` there). */
  readonly metadata: Readonly<Record<string, string>>;
  /** Bytes of tensor data: what the weights take once loaded. */
  readonly dataBytes: number;
}

export function bitsOf(dtype: string): number | undefined {
  return DTYPE_BITS[dtype];
}

/**
 * Reads a safetensors file's header without reading its weights: the 8-byte little-endian length,
 * then that many bytes of JSON naming each tensor's dtype, shape and byte range. Refuses a file
 * whose size is not exactly header plus data (cut short, or padded), and a header whose ranges do
 * not match the shapes, so a damaged download is caught before an engine spends minutes on it.
 */
export async function readSafetensorsHeader(path: string): Promise<SafetensorsHeader> {
  const file = await open(path, 'r');
  try {
    const { size } = await file.stat();
    if (size < 8) throw new SafetensorsCorruptError(path, `it is ${size} bytes, shorter than the 8-byte header length`);
    const lengthBytes = Buffer.alloc(8);
    await file.read(lengthBytes, 0, 8, 0);
    const length = lengthBytes.readBigUInt64LE(0);
    if (length > BigInt(Math.min(MAX_HEADER_BYTES, size - 8))) {
      throw new SafetensorsCorruptError(
        path,
        length > BigInt(MAX_HEADER_BYTES)
          ? `its header length (${length} bytes) is past the format's 100 MB limit`
          : `the file ends at byte ${size}, inside its ${length}-byte header`,
      );
    }
    const headerBytes = Buffer.alloc(Number(length));
    await file.read(headerBytes, 0, headerBytes.length, 8);
    return parseHeader(path, headerBytes, size);
  } finally {
    await file.close();
  }
}

function parseHeader(path: string, bytes: Buffer, fileSize: number): SafetensorsHeader {
  let json: unknown;
  try {
    json = JSON.parse(bytes.toString('utf8'));
  } catch {
    throw new SafetensorsCorruptError(path, 'its header is not JSON');
  }
  if (typeof json !== 'object' || json === null || Array.isArray(json)) {
    throw new SafetensorsCorruptError(path, 'its header is not a JSON object');
  }
  const tensors: SafetensorsTensor[] = [];
  let metadata: Record<string, string> = {};
  let end = 0;
  for (const [name, entry] of Object.entries(json as Record<string, unknown>)) {
    if (name === '__metadata__') {
      metadata = typeof entry === 'object' && entry !== null ? (entry as Record<string, string>) : {};
      continue;
    }
    const tensor = tensorOf(path, name, entry);
    tensors.push({ name, dtype: tensor.dtype, shape: tensor.shape, bytes: tensor.end - tensor.begin });
    end = Math.max(end, tensor.end);
  }
  const expected = 8 + bytes.length + end;
  if (fileSize !== expected) {
    throw new SafetensorsCorruptError(
      path,
      fileSize < expected
        ? `it is ${fileSize} bytes but its header describes ${expected}; the download may be incomplete`
        : `it is ${fileSize} bytes, ${fileSize - expected} more than its header describes (${expected})`,
    );
  }
  return { path, tensors, metadata, dataBytes: tensors.reduce((sum, tensor) => sum + tensor.bytes, 0) };
}

function tensorOf(
  path: string,
  name: string,
  entry: unknown,
): { dtype: string; shape: number[]; begin: number; end: number } {
  const { dtype, shape, data_offsets: offsets } = (entry ?? {}) as Record<string, unknown>;
  const bits = typeof dtype === 'string' ? bitsOf(dtype) : undefined;
  const dims =
    Array.isArray(shape) && shape.every((d) => Number.isSafeInteger(d) && d >= 0) ? (shape as number[]) : undefined;
  const range =
    Array.isArray(offsets) && offsets.length === 2 && offsets.every((o) => Number.isSafeInteger(o) && o >= 0)
      ? (offsets as [number, number])
      : undefined;
  if (bits === undefined || dims === undefined || range === undefined || range[1] < range[0]) {
    throw new SafetensorsCorruptError(path, `tensor "${name}" has no valid dtype, shape and data_offsets`);
  }
  const elements = dims.reduce((product, d) => product * d, 1);
  if (Math.ceil((elements * bits) / 8) !== range[1] - range[0]) {
    throw new SafetensorsCorruptError(
      path,
      `tensor "${name}" (${dtype} ${JSON.stringify(dims)}) should take ${Math.ceil((elements * bits) / 8)} bytes, its offsets give ${range[1] - range[0]}`,
    );
  }
  return { dtype: dtype as string, shape: dims, begin: range[0], end: range[1] };
}
