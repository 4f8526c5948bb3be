import { GgufValueType } from '@switchyard/core';

/**
 * A GGUF encoder for tests: it writes any metadata value type (arrays of arrays too), tensors of any
 * ggml type from their bytes, and split models, so tests can make real model files (see
 * tiny-llama.ts) and damaged ones without downloading anything.
 */

type ScalarType = Exclude<GgufValueType, typeof GgufValueType.STRING | typeof GgufValueType.ARRAY>;
interface ArrayValue {
  readonly type: typeof GgufValueType.ARRAY;
  readonly itemType: GgufValueType;
  /** The items, or for a uint8 array its bytes (fast for huge arrays). */
  readonly items: readonly Item[] | Uint8Array;
}
/** An array's item: a scalar, a string, or (in an array of arrays) an array. */
type Item = number | bigint | boolean | string | ArrayValue;

export type GgufMetadataValue =
  | { readonly type: ScalarType; readonly value: number | bigint | boolean }
  | { readonly type: typeof GgufValueType.STRING; readonly value: string }
  | ArrayValue;

export interface GgufTensorData {
  readonly name: string;
  /** ggml order: the innermost (contiguous) dimension first. */
  readonly dimensions: readonly number[];
  /** ggml's type id; F32 (0) unless given, with `data` then holding the type's packed bytes. */
  readonly type?: number;
  readonly data: Float32Array | Uint8Array;
}

export interface GgufDocument {
  readonly version?: number;
  readonly metadata: readonly (readonly [string, GgufMetadataValue])[];
  readonly tensors: readonly GgufTensorData[];
}

/** Shorthands for typed metadata values. */
export const gguf = {
  u8: (value: number) => ({ type: GgufValueType.UINT8, value }),
  i8: (value: number) => ({ type: GgufValueType.INT8, value }),
  u16: (value: number) => ({ type: GgufValueType.UINT16, value }),
  i16: (value: number) => ({ type: GgufValueType.INT16, value }),
  u32: (value: number) => ({ type: GgufValueType.UINT32, value }),
  i32: (value: number) => ({ type: GgufValueType.INT32, value }),
  u64: (value: bigint) => ({ type: GgufValueType.UINT64, value }),
  i64: (value: bigint) => ({ type: GgufValueType.INT64, value }),
  f32: (value: number) => ({ type: GgufValueType.FLOAT32, value }),
  f64: (value: number) => ({ type: GgufValueType.FLOAT64, value }),
  bool: (value: boolean) => ({ type: GgufValueType.BOOL, value }),
  str: (value: string) => ({ type: GgufValueType.STRING, value }),
  array: (itemType: GgufValueType, items: readonly Item[]) => ({ type: GgufValueType.ARRAY, itemType, items }),
  bytes: (items: Uint8Array) => ({ type: GgufValueType.ARRAY, itemType: GgufValueType.UINT8, items }),
} satisfies Record<string, (...args: never[]) => GgufMetadataValue>;

const DEFAULT_ALIGNMENT = 32;
const GGML_TYPE_F32 = 0;

/**
 * The bytes of a GGUF file: header, tensor infos, padding, then each tensor's data aligned to
 * `general.alignment` (32 when absent), as llama.cpp writes them.
 */
export function encodeGguf(document: GgufDocument): Buffer {
  const alignment = document.metadata.find(([key]) => key === 'general.alignment')?.[1];
  const out = new ByteWriter(alignment && 'value' in alignment ? Number(alignment.value) : DEFAULT_ALIGNMENT);
  out.raw(Buffer.from('GGUF', 'latin1'));
  out.u32(document.version ?? 3);
  out.u64(BigInt(document.tensors.length));
  out.u64(BigInt(document.metadata.length));
  for (const [key, value] of document.metadata) {
    out.string(key);
    out.u32(value.type);
    writeValue(out, value);
  }
  let offset = 0;
  for (const tensor of document.tensors) {
    out.string(tensor.name);
    out.u32(tensor.dimensions.length);
    for (const dimension of tensor.dimensions) out.u64(BigInt(dimension));
    out.u32(tensor.type ?? GGML_TYPE_F32);
    out.u64(BigInt(offset));
    offset += out.padded(tensor.data.byteLength);
  }
  out.pad();
  for (const tensor of document.tensors) {
    out.raw(Buffer.from(tensor.data.buffer, tensor.data.byteOffset, tensor.data.byteLength));
    out.pad();
  }
  return out.bytes();
}

/**
 * The shards of `document` split as llama.cpp's gguf-split writes them: its tensors divided in
 * `count` runs, each shard with `split.no`, `split.count` and `split.tensors.count`, the first
 * with all the other metadata too. Name them with {@link shardName}.
 */
export function encodeGgufShards(document: GgufDocument, count: number): Buffer[] {
  const perShard = Math.ceil(document.tensors.length / count);
  return Array.from({ length: count }, (_, shard) =>
    encodeGguf({
      ...document,
      metadata: [
        ...(shard === 0 ? document.metadata : []),
        ['split.no', gguf.u16(shard)],
        ['split.count', gguf.u16(count)],
        ['split.tensors.count', gguf.i32(document.tensors.length)],
      ],
      tensors: document.tensors.slice(shard * perShard, (shard + 1) * perShard),
    }),
  );
}

/** llama_split_path's name for the 0-based `shard` of `count`: `model-00001-of-00003.gguf`. */
export const shardName = (prefix: string, shard: number, count: number): string =>
  `${prefix}-${String(shard + 1).padStart(5, '0')}-of-${String(count).padStart(5, '0')}.gguf`;

function writeValue(out: ByteWriter, value: GgufMetadataValue): void {
  if (value.type === GgufValueType.ARRAY) writeArray(out, value);
  else writeItem(out, value.type, value.value);
}

function writeArray(out: ByteWriter, array: ArrayValue): void {
  out.u32(array.itemType);
  out.u64(BigInt(array.items.length));
  if (array.items instanceof Uint8Array) {
    out.raw(Buffer.from(array.items.buffer, array.items.byteOffset, array.items.length));
  } else {
    for (const item of array.items) writeItem(out, array.itemType, item);
  }
}

function writeItem(out: ByteWriter, type: GgufValueType, item: Item): void {
  if (typeof item === 'object') writeArray(out, item);
  else if (type === GgufValueType.STRING) out.string(String(item));
  else out.raw(scalarBytes(type, item));
}

function scalarBytes(type: GgufValueType, item: number | bigint | boolean | string): Buffer {
  const n = Number(item);
  const bytes = (size: number, write: (buffer: Buffer) => unknown) => {
    const buffer = Buffer.alloc(size);
    write(buffer);
    return buffer;
  };
  switch (type) {
    case GgufValueType.UINT8:
    case GgufValueType.BOOL:
      return bytes(1, (b) => b.writeUInt8(n));
    case GgufValueType.INT8:
      return bytes(1, (b) => b.writeInt8(n));
    case GgufValueType.UINT16:
      return bytes(2, (b) => b.writeUInt16LE(n));
    case GgufValueType.INT16:
      return bytes(2, (b) => b.writeInt16LE(n));
    case GgufValueType.UINT32:
      return bytes(4, (b) => b.writeUInt32LE(n));
    case GgufValueType.INT32:
      return bytes(4, (b) => b.writeInt32LE(n));
    case GgufValueType.FLOAT32:
      return bytes(4, (b) => b.writeFloatLE(n));
    case GgufValueType.FLOAT64:
      return bytes(8, (b) => b.writeDoubleLE(n));
    case GgufValueType.UINT64:
      return bytes(8, (b) => b.writeBigUInt64LE(BigInt(item)));
    case GgufValueType.INT64:
      return bytes(8, (b) => b.writeBigInt64LE(BigInt(item)));
    default:
      throw new Error(`GGUF type ${type} is not a scalar type`);
  }
}

class ByteWriter {
  private readonly chunks: Buffer[] = [];
  private length = 0;

  constructor(private readonly alignment: number) {}

  padded(bytes: number): number {
    return Math.ceil(bytes / this.alignment) * this.alignment;
  }

  raw(bytes: Buffer): void {
    this.chunks.push(bytes);
    this.length += bytes.length;
  }

  u32(value: number): void {
    const bytes = Buffer.alloc(4);
    bytes.writeUInt32LE(value);
    this.raw(bytes);
  }

  u64(value: bigint): void {
    const bytes = Buffer.alloc(8);
    bytes.writeBigUInt64LE(value);
    this.raw(bytes);
  }

  string(value: string): void {
    const bytes = Buffer.from(value, 'utf8');
    this.u64(BigInt(bytes.length));
    this.raw(bytes);
  }

  /** Zero bytes up to the next multiple of the alignment. */
  pad(): void {
    const extra = this.padded(this.length) - this.length;
    if (extra > 0) this.raw(Buffer.alloc(extra));
  }

  bytes(): Buffer {
    return Buffer.concat(this.chunks, this.length);
  }
}
