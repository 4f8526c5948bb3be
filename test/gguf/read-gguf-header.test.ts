import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { GgufValueType, readGgufHeader, readGgufModel } from '@switchyard/core';
import { describe, expect, it } from 'vitest';
import { encodeGguf, type GgufDocument, gguf } from '../support/gguf-writer.js';
import { TINY_LLAMA, tinyLlamaDocument } from '../support/tiny-llama.js';
import { useTempFiles } from './temp-files.js';

const temp = useTempFiles('switchyard-gguf-');
const fileWith = temp.fileWith;

const minimal = (metadata: GgufDocument['metadata'], version?: number): Buffer =>
  encodeGguf({ ...(version === undefined ? {} : { version }), metadata, tensors: [] });

describe('readGgufHeader', () => {
  it('reads every metadata value type, arrays included', async () => {
    const path = await fileWith(
      minimal([
        ['u8', gguf.u8(200)],
        ['i8', gguf.i8(-100)],
        ['u16', gguf.u16(60_000)],
        ['i16', gguf.i16(-30_000)],
        ['u32', gguf.u32(4_000_000_000)],
        ['i32', gguf.i32(-2_000_000_000)],
        ['f32', gguf.f32(0.5)],
        ['bool', gguf.bool(true)],
        ['str', gguf.str('héllo')],
        ['u64', gguf.u64(2n ** 40n)],
        ['u64.big', gguf.u64(2n ** 63n + 5n)],
        ['i64', gguf.i64(-(2n ** 40n))],
        ['f64', gguf.f64(Math.PI)],
        ['strings', gguf.array(GgufValueType.STRING, ['a', '', 'ccc'])],
        ['floats', gguf.array(GgufValueType.FLOAT32, [1, -2.5])],
        ['empty', gguf.array(GgufValueType.INT32, [])],
      ]),
    );
    const header = await readGgufHeader(path);
    expect(header.version).toBe(3);
    expect(Object.fromEntries(header.metadata)).toEqual({
      u8: 200,
      i8: -100,
      u16: 60_000,
      i16: -30_000,
      u32: 4_000_000_000,
      i32: -2_000_000_000,
      f32: 0.5,
      bool: true,
      str: 'héllo',
      u64: 2 ** 40,
      'u64.big': 2n ** 63n + 5n,
      i64: -(2 ** 40),
      f64: Math.PI,
      strings: ['a', '', 'ccc'],
      floats: [1, -2.5],
      empty: [],
    });
  });

  it('reads version 2 files and the tensor infos, stopping before the tensor data', async () => {
    const bytes = encodeGguf({
      version: 2,
      metadata: [['general.architecture', gguf.str('llama')]],
      tensors: [
        { name: 'a', dimensions: [4, 2], data: new Float32Array(8) },
        { name: 'b', dimensions: [3], data: new Float32Array(3) },
      ],
    });
    const header = await readGgufHeader(await fileWith(bytes));
    expect(header.version).toBe(2);
    expect(header.tensors).toEqual([
      { name: 'a', dimensions: [4, 2], type: 0, offset: 0 },
      { name: 'b', dimensions: [3], type: 0, offset: 32 },
    ]);
    expect(header.headerBytes).toBeLessThan(bytes.length - 8 * 4);
  });
});

describe('readGgufModel', () => {
  it('derives the spec of the tiny llama: ggufv2, its file type, size, context and name', async () => {
    const document = tinyLlamaDocument();
    const path = await fileWith(encodeGguf(document));
    const info = await readGgufModel(path);
    const elements = document.tensors.reduce((sum, t) => sum + t.data.length, 0);
    expect(info.architecture).toBe('llama');
    expect(info.parameterCount).toBe(elements);
    expect(info.spec).toEqual({
      modelName: TINY_LLAMA.name,
      modelFamily: TINY_LLAMA.name,
      format: 'ggufv2',
      quantization: 'F32',
      sizeInBillions: Number((elements / 1e9).toPrecision(3)),
      abilities: ['generate'],
      contextLength: TINY_LLAMA.contextLength,
      modelPath: path,
    });
  });

  it.each([
    [15, 'Q4_K_M'],
    [1, 'F16'],
    [7, 'Q8_0'],
    [32, 'BF16'],
    [30, 'IQ4_XS'],
    [999, 'FILE_TYPE_999'],
  ])('names general.file_type %i as %s', async (fileType, name) => {
    const path = await fileWith(minimal([['general.file_type', gguf.u32(fileType)]]));
    expect((await readGgufModel(path)).spec.quantization).toBe(name);
  });

  it('strips control characters (C0, DEL, C1) from the name and architecture it takes from the file', async () => {
    const path = await fileWith(
      minimal([
        ['general.architecture', gguf.str('lla\u009bma\x7f')],
        ['general.name', gguf.str('evil\x1b]0;owned\x07\nname\r')],
      ]),
    );
    const info = await readGgufModel(path);
    expect(info.architecture).toBe('llama');
    expect(info.spec.modelName).toBe('evil]0;ownedname');
  });

  it('names the model after its file when general.name is nothing but control characters', async () => {
    const path = await fileWith(minimal([['general.name', gguf.str('\x1b\n\t\u0085')]]), 'My-Model-Q8_0.gguf');
    expect((await readGgufModel(path)).spec.modelName).toBe('My-Model-Q8_0');
  });

  it('takes the size from general.size_label and the context from <arch>.context_length', async () => {
    const path = await fileWith(
      minimal([
        ['general.architecture', gguf.str('qwen2')],
        ['general.size_label', gguf.str('1.5B')],
        ['qwen2.context_length', gguf.u64(32_768n)],
        ['llama.context_length', gguf.u32(4096)],
      ]),
      'Qwen2.5-1.5B-Instruct-Q4_K_M.gguf',
    );
    const info = await readGgufModel(path);
    expect(info.parameterCount).toBe(1_500_000_000);
    expect(info.spec).toMatchObject({
      modelName: 'Qwen2.5-1.5B-Instruct-Q4_K_M',
      sizeInBillions: 1.5,
      contextLength: 32_768,
    });
  });
});

describe('broken files fail with a typed error before anything else happens', () => {
  it('a missing file is GGUF_NOT_FOUND', async () => {
    await expect(readGgufModel(join(temp.dir(), 'nope.gguf'))).rejects.toMatchObject({
      code: 'GGUF_NOT_FOUND',
      message: expect.stringContaining('nope.gguf'),
    });
  });

  it('a directory is GGUF_UNREADABLE', async () => {
    await expect(readGgufHeader(temp.dir())).rejects.toMatchObject({ code: 'GGUF_UNREADABLE' });
  });

  it.skipIf(process.platform === 'win32')('a named pipe is GGUF_UNREADABLE at once, not opened to wait', async () => {
    const fifo = join(temp.dir(), 'pipe.gguf');
    execFileSync('mkfifo', [fifo]);
    await expect(readGgufModel(fifo)).rejects.toMatchObject({
      code: 'GGUF_UNREADABLE',
      message: expect.stringContaining('is not a regular file (it is a named pipe)'),
    });
  });

  it('a file without the magic is GGUF_BAD_MAGIC', async () => {
    const error = await readGgufHeader(await fileWith('{"not": "a model"}')).catch((e) => e);
    expect(error).toMatchObject({ code: 'GGUF_BAD_MAGIC', message: expect.stringContaining('not a GGUF file') });
  });

  it('an old GGML (ggjt) file is named as such, with the conversion as the fix', async () => {
    const ggjt = Buffer.concat([Buffer.from('tjgg', 'latin1'), Buffer.alloc(64)]);
    const error = await readGgufHeader(await fileWith(ggjt)).catch((e) => e);
    expect(error.code).toBe('GGUF_BAD_MAGIC');
    expect(error.message).toContain('GGML');
    expect(error.hint).toContain('convert');
  });

  it.each([
    ['inside the magic', () => 2],
    ['inside the version', () => 6],
    ['inside the counts', () => 20],
    ['inside the metadata', () => 600],
    ['inside the tensor infos', (headerBytes: number) => headerBytes - 10],
  ])('a file cut %s is GGUF_TRUNCATED', async (_where, cutAt) => {
    const full = encodeGguf(tinyLlamaDocument());
    const { headerBytes } = await readGgufHeader(await fileWith(full));
    const cut = full.subarray(0, cutAt(headerBytes));
    await expect(readGgufHeader(await fileWith(cut))).rejects.toMatchObject({ code: 'GGUF_TRUNCATED' });
  });

  it('an empty file is GGUF_TRUNCATED, saying it is empty', async () => {
    await expect(readGgufHeader(await fileWith(Buffer.alloc(0)))).rejects.toMatchObject({
      code: 'GGUF_TRUNCATED',
      message: expect.stringContaining('is empty (0 bytes)'),
    });
  });

  it.each([20, 30])('a file cut at byte %i names the metadata count, not the tensor count', async (cutAt) => {
    const cut = encodeGguf(tinyLlamaDocument()).subarray(0, cutAt);
    await expect(readGgufHeader(await fileWith(cut))).rejects.toMatchObject({
      code: 'GGUF_TRUNCATED',
      message: expect.stringContaining('(while reading the metadata count)'),
    });
  });

  it('a string length beyond the end of the file is GGUF_TRUNCATED, not an allocation', async () => {
    const bytes = minimal([['general.name', gguf.str('x')]]);
    bytes.writeBigUInt64LE(2n ** 62n, 24); // the key's length
    await expect(readGgufHeader(await fileWith(bytes))).rejects.toMatchObject({ code: 'GGUF_TRUNCATED' });
  });

  it.each([1, 4, 0x03000000])('version %i is GGUF_UNSUPPORTED_VERSION', async (version) => {
    const error = await readGgufHeader(await fileWith(minimal([], version))).catch((e) => e);
    expect(error).toMatchObject({ code: 'GGUF_UNSUPPORTED_VERSION', version });
    expect(error.message).toContain('versions 2 and 3');
    if (version === 0x03000000) expect(error.message).toContain('big-endian');
  });

  it('an unknown value type is GGUF_CORRUPT', async () => {
    const bytes = minimal([['k', gguf.u32(1)]]);
    bytes.writeUInt32LE(77, 24 + 8 + 1); // the type after the key "k"
    await expect(readGgufHeader(await fileWith(bytes))).rejects.toMatchObject({ code: 'GGUF_CORRUPT' });
  });

  it('quotes keys from the file without their control characters', async () => {
    const bytes = minimal([['k\x1b[2J\n', gguf.u32(1)]]);
    bytes.writeUInt32LE(77, 24 + 8 + 6); // the type after the 6-byte key
    const error = await readGgufHeader(await fileWith(bytes)).catch((e) => e);
    expect(error.message).toContain('metadata k[2J has the unknown value type 77');
  });
});
