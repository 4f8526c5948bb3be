import type { Stats } from 'node:fs';
import { open, stat } from 'node:fs/promises';
import { FileCursor } from './file-cursor.js';
import {
  GgufCorruptError,
  GgufEmptyFileError,
  GgufFileNotFoundError,
  GgufTruncatedError,
  GgufUnreadableError,
  GgufUnsupportedVersionError,
  NotGgufError,
} from './gguf-errors.js';
import {
  type GgufHeader,
  type GgufSkippedValue,
  type GgufTensorInfo,
  type GgufValue,
  GgufValueType,
} from './gguf-header.js';
import { assertTensorDataPresent, tensorDataOffset } from './tensor-data.js';

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

/** Bytes of the smallest tensor info: name length, dimension count, type and offset. */
const MIN_TENSOR_INFO_BYTES = 8 + 4 + 4 + 8;
/** Strings and arrays up to this many bytes are kept; larger ones are skipped (see GgufSkippedValue). */
const MAX_KEPT_VALUE_BYTES = 64 * 1024;
/** Arrays of arrays deeper than this are refused rather than recursed into. */
const MAX_ARRAY_DEPTH = 8;

/**
 * Reads a GGUF file's header (magic, version, metadata, tensor infos) and stops before the tensor
 * data, so even a many-gigabyte model is described after reading a few megabytes at most; then
 * checks that the file is long enough for the tensor data the header describes.
 */
export async function readGgufHeader(path: string): Promise<GgufHeader> {
  const size = await regularFileSize(path);
  if (size === 0) throw new GgufEmptyFileError(path);
  let handle: Awaited<ReturnType<typeof open>>;
  try {
    handle = await open(path, 'r');
  } catch (error) {
    throw accessError(path, error);
  }
  try {
    const header = await parseHeader(new HeaderReader(new FileCursor(handle, size, path), path));
    assertTensorDataPresent(path, header, size);
    return header;
  } finally {
    await handle.close();
  }
}

/** Stats before opening: opening a named pipe would wait for a writer for ever. */
async function regularFileSize(path: string): Promise<number> {
  const stats = await stat(path).catch((error: unknown) => {
    throw accessError(path, error);
  });
  if (stats.isDirectory()) throw new GgufUnreadableError(path, 'it is a directory');
  if (!stats.isFile()) throw new GgufUnreadableError(path, `it is not a regular file (it is ${specialKind(stats)})`);
  return stats.size;
}

function specialKind(stats: Stats): string {
  if (stats.isFIFO()) return 'a named pipe';
  if (stats.isSocket()) return 'a socket';
  return 'a device';
}

function accessError(path: string, error: unknown): Error {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'ENOENT' || code === 'ENOTDIR') return new GgufFileNotFoundError(path);
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
  // The tensor infos come after the metadata, so the tensor count is checked against the file there.
  const declaredTensors = (await reader.cursor.take(8, 'the tensor count')).readBigUInt64LE(0);
  const metadataCount = await reader.count('the metadata count', 1);
  const metadata = new Map<string, GgufValue>();
  for (let i = 0; i < metadataCount; i++) {
    const key = await reader.string(`metadata key #${i}`);
    const type = await reader.u32(`the type of ${key}`);
    metadata.set(key, await reader.value(type, key));
  }
  if (declaredTensors * BigInt(MIN_TENSOR_INFO_BYTES) > BigInt(reader.cursor.remaining)) {
    throw new GgufTruncatedError(reader.path, `the tensor infos (${declaredTensors} tensors declared)`);
  }
  const tensorCount = Number(declaredTensors);
  const tensors: GgufTensorInfo[] = [];
  for (let i = 0; i < tensorCount; i++) tensors.push(await reader.tensorInfo(i));
  const headerBytes = reader.cursor.offset;
  return {
    version: version as 2 | 3,
    tensorCount,
    metadata,
    tensors,
    headerBytes,
    dataOffset: tensorDataOffset(reader.path, headerBytes, metadata.get('general.alignment')),
  };
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
    if (type === GgufValueType.STRING) return this.stringValue(key);
    if (type === GgufValueType.ARRAY) return this.array(key);
    const size = this.fixedSize(type, key);
    return scalar(type, await this.cursor.take(size, `the value of ${key}`), 0);
  }

  private async stringValue(key: string): Promise<string | GgufSkippedValue> {
    const what = `the value of ${key}`;
    const length = await this.count(what, 1);
    if (length <= MAX_KEPT_VALUE_BYTES) return (await this.cursor.take(length, what)).toString('utf8');
    this.cursor.skip(length, what);
    return { skipped: true, type: GgufValueType.STRING, length };
  }

  private async array(key: string): Promise<GgufValue> {
    const { itemType, length } = await this.arrayHead(key, 1);
    const skipped: GgufSkippedValue = { skipped: true, type: GgufValueType.ARRAY, itemType, length };
    if (itemType === GgufValueType.STRING) return (await this.strings(key, length)) ?? skipped;
    if (itemType === GgufValueType.ARRAY) {
      await this.skipItems(itemType, length, key, 1);
      return skipped;
    }
    const size = this.fixedSize(itemType, key);
    const what = `the items of ${key}`;
    if (length * size > MAX_KEPT_VALUE_BYTES) {
      this.cursor.skip(length * size, what);
      return skipped;
    }
    const bytes = await this.cursor.take(length * size, what);
    return Array.from({ length }, (_, i) => scalar(itemType, bytes, i * size));
  }

  /** An array's strings while they fit in MAX_KEPT_VALUE_BYTES; undefined (and all skipped) once they do not. */
  private async strings(key: string, length: number): Promise<string[] | undefined> {
    const items: string[] = [];
    let bytes = 0;
    for (let i = 0; i < length; i++) {
      const what = `${key}[${i}]`;
      const itemLength = await this.count(what, 1);
      bytes += 8 + itemLength;
      if (bytes > MAX_KEPT_VALUE_BYTES) this.cursor.skip(itemLength, what);
      else items.push((await this.cursor.take(itemLength, what)).toString('utf8'));
    }
    return bytes > MAX_KEPT_VALUE_BYTES ? undefined : items;
  }

  /** Seeks past the items of `key`, an array nested `depth` deep, one by one only where their sizes vary. */
  private async skipItems(itemType: number, length: number, key: string, depth: number): Promise<void> {
    if (itemType === GgufValueType.ARRAY) {
      for (let i = 0; i < length; i++) {
        const item = await this.arrayHead(`${key}[${i}]`, depth + 1);
        await this.skipItems(item.itemType, item.length, `${key}[${i}]`, depth + 1);
      }
    } else if (itemType === GgufValueType.STRING) {
      for (let i = 0; i < length; i++) this.cursor.skip(await this.count(`${key}[${i}]`, 1), `${key}[${i}]`);
    } else {
      this.cursor.skip(length * this.fixedSize(itemType, key), `the items of ${key}`);
    }
  }

  /** An array's item type and length; `depth` counts the arrays it is nested in, itself included. */
  private async arrayHead(key: string, depth: number): Promise<{ itemType: number; length: number }> {
    if (depth > MAX_ARRAY_DEPTH) {
      throw new GgufCorruptError(this.path, `metadata ${key} nests arrays more than ${MAX_ARRAY_DEPTH} deep`);
    }
    const itemType = await this.u32(`the item type of ${key}`);
    // An array item is at least its item type and length; a string at least its length.
    const itemBytes = itemType === GgufValueType.ARRAY ? 12 : (FIXED_SIZES[itemType] ?? 8);
    return { itemType, length: await this.count(`the length of ${key}`, itemBytes) };
  }

  private fixedSize(type: number, key: string): number {
    const size = FIXED_SIZES[type];
    if (size === undefined) throw new GgufCorruptError(this.path, `metadata ${key} has the unknown value type ${type}`);
    return size;
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
