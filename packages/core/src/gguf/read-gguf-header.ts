import { open } from 'node:fs/promises';
import { FileCursor } from './file-cursor.js';
import {
  GgufCorruptError,
  GgufFileNotFoundError,
  GgufTruncatedError,
  GgufUnreadableError,
  GgufUnsupportedVersionError,
  NotGgufError,
} from './gguf-errors.js';
import { type GgufHeader, type GgufTensorInfo, type GgufValue, GgufValueType } from './gguf-header.js';

const GGUF_MAGIC = 'GGUF';
/** Magics of the pre-GGUF formats as they appear on disk (little-endian uint32s). */
const GGML_MAGICS: Record<string, string> = { lmgg: 'unversioned ggml', fmgg: 'ggmf', tjgg: 'ggjt, e.g. ggmlv3' };
const SUPPORTED_VERSIONS = new Set([2, 3]);
/** ggml's GGML_MAX_DIMS: a tensor with more dimensions is corrupt. */
const MAX_DIMENSIONS = 4;

const FIXED_SIZES: Partial<Record<number, number>> = {
  [GgufValueType.UINT8]: 1,
  [GgufValueType.INT8]: 1,
  [GgufValueType.BOOL]: 1,
  [GgufValueType.UINT16]: 2,
  [GgufValueType.INT16]: 2,
  [GgufValueType.UINT32]: 4,
  [GgufValueType.INT32]: 4,
  [GgufValueType.FLOAT32]: 4,
  [GgufValueType.UINT64]: 8,
  [GgufValueType.INT64]: 8,
  [GgufValueType.FLOAT64]: 8,
};

/**
 * Reads a GGUF file's header (magic, version, metadata, tensor infos) and stops before the tensor
 * data, so even a many-gigabyte model is described after reading a few megabytes at most.
 */
export async function readGgufHeader(path: string): Promise<GgufHeader> {
  let handle: Awaited<ReturnType<typeof open>>;
  try {
    handle = await open(path, 'r');
  } catch (error) {
    throw openError(path, error);
  }
  try {
    const stats = await handle.stat();
    if (!stats.isFile()) throw new GgufUnreadableError(path, 'it is not a regular file');
    return await parseHeader(new HeaderReader(new FileCursor(handle, stats.size, path), path));
  } finally {
    await handle.close();
  }
}

function openError(path: string, error: unknown): Error {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'ENOENT' || code === 'ENOTDIR') return new GgufFileNotFoundError(path);
  if (code === 'EISDIR') return new GgufUnreadableError(path, 'it is a directory');
  return new GgufUnreadableError(path, (error as Error).message);
}

async function parseHeader(reader: HeaderReader): Promise<GgufHeader> {
  const magic = (await reader.cursor.take(4, 'the magic')).toString('latin1');
  if (magic !== GGUF_MAGIC) throw new NotGgufError(reader.path, GGML_MAGICS[magic]);
  const version = await reader.u32('the version');
  if (!SUPPORTED_VERSIONS.has(version)) {
    const swapped = Buffer.alloc(4);
    swapped.writeUInt32BE(version);
    const bigEndian = SUPPORTED_VERSIONS.has(swapped.readUInt32LE()) ? ' written big-endian' : '';
    throw new GgufUnsupportedVersionError(reader.path, version, bigEndian);
  }
  const tensorCount = await reader.count('the tensor count', 1);
  const metadataCount = await reader.count('the metadata count', 1);
  const metadata = new Map<string, GgufValue>();
  for (let i = 0; i < metadataCount; i++) {
    const key = await reader.string(`metadata key #${i}`);
    const type = await reader.u32(`the type of ${key}`);
    metadata.set(key, await reader.value(type, key));
  }
  const tensors: GgufTensorInfo[] = [];
  for (let i = 0; i < tensorCount; i++) tensors.push(await reader.tensorInfo(i));
  return { version: version as 2 | 3, tensorCount, metadata, tensors, headerBytes: reader.cursor.offset };
}

/** Typed reads over the cursor; every read names what it reads, for truncation errors. */
class HeaderReader {
  constructor(
    readonly cursor: FileCursor,
    readonly path: string,
  ) {}

  async u32(what: string): Promise<number> {
    return (await this.cursor.take(4, what)).readUInt32LE(0);
  }

  /** A uint64 count of items at least `minItemBytes` each; a count the file cannot hold is truncation. */
  async count(what: string, minItemBytes: number): Promise<number> {
    const count = (await this.cursor.take(8, what)).readBigUInt64LE(0);
    if (count * BigInt(minItemBytes) > BigInt(this.cursor.remaining)) throw new GgufTruncatedError(this.path, what);
    return Number(count);
  }

  async string(what: string): Promise<string> {
    const length = await this.count(what, 1);
    return (await this.cursor.take(length, what)).toString('utf8');
  }

  async value(type: number, key: string): Promise<GgufValue> {
    if (type === GgufValueType.STRING) return this.string(`the value of ${key}`);
    if (type === GgufValueType.ARRAY) return this.array(key);
    const size = FIXED_SIZES[type];
    if (size === undefined) throw new GgufCorruptError(this.path, `metadata ${key} has the unknown value type ${type}`);
    return scalar(type, await this.cursor.take(size, `the value of ${key}`), 0);
  }

  private async array(key: string): Promise<GgufValue[]> {
    const itemType = await this.u32(`the item type of ${key}`);
    const size = FIXED_SIZES[itemType];
    const length = await this.count(`the length of ${key}`, size ?? 8);
    if (size !== undefined) {
      const bytes = await this.cursor.take(length * size, `the items of ${key}`);
      return Array.from({ length }, (_, i) => scalar(itemType, bytes, i * size));
    }
    const items: GgufValue[] = [];
    for (let i = 0; i < length; i++) items.push(await this.value(itemType, `${key}[${i}]`));
    return items;
  }

  async tensorInfo(index: number): Promise<GgufTensorInfo> {
    const name = await this.string(`the name of tensor #${index}`);
    const dimensionCount = await this.u32(`the dimensions of ${name}`);
    if (dimensionCount > MAX_DIMENSIONS) {
      throw new GgufCorruptError(
        this.path,
        `tensor ${name} claims ${dimensionCount} dimensions (at most ${MAX_DIMENSIONS})`,
      );
    }
    const dims = await this.cursor.take(8 * dimensionCount, `the dimensions of ${name}`);
    const dimensions = Array.from({ length: dimensionCount }, (_, i) => Number(dims.readBigUInt64LE(i * 8)));
    const type = await this.u32(`the type of ${name}`);
    const offset = Number((await this.cursor.take(8, `the offset of ${name}`)).readBigUInt64LE(0));
    return { name, dimensions, type, offset };
  }
}

function scalar(type: number, bytes: Buffer, at: number): GgufValue {
  switch (type) {
    case GgufValueType.UINT8:
      return bytes.readUInt8(at);
    case GgufValueType.INT8:
      return bytes.readInt8(at);
    case GgufValueType.BOOL:
      return bytes.readUInt8(at) !== 0;
    case GgufValueType.UINT16:
      return bytes.readUInt16LE(at);
    case GgufValueType.INT16:
      return bytes.readInt16LE(at);
    case GgufValueType.UINT32:
      return bytes.readUInt32LE(at);
    case GgufValueType.INT32:
      return bytes.readInt32LE(at);
    case GgufValueType.FLOAT32:
      return bytes.readFloatLE(at);
    case GgufValueType.FLOAT64:
      return bytes.readDoubleLE(at);
    case GgufValueType.UINT64:
      return safeNumber(bytes.readBigUInt64LE(at));
    default:
      return safeNumber(bytes.readBigInt64LE(at));
  }
}

function safeNumber(value: bigint): number | bigint {
  return value <= BigInt(Number.MAX_SAFE_INTEGER) && value >= BigInt(Number.MIN_SAFE_INTEGER) ? Number(value) : value;
}
