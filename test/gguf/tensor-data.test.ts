import { readGgufHeader, readGgufModel } from '@switchyard/core';
import { describe, expect, it } from 'vitest';
import { encodeGguf, type GgufDocument, type GgufTensorData, gguf } from '../support/gguf-writer.js';
import { tinyLlamaDocument } from '../support/tiny-llama.js';
import { useTempFiles } from './temp-files.js';

const { fileWith } = useTempFiles('switchyard-gguf-data-');

const f32 = (name: string, elements: number): GgufTensorData => ({
  name,
  dimensions: [elements],
  data: new Float32Array(elements),
});

describe('a file too short for its tensor data is refused', () => {
  const full = encodeGguf(tinyLlamaDocument());

  it('the whole tiny llama passes, its last tensor ending where the file ends', async () => {
    await expect(readGgufModel(await fileWith(full))).resolves.toMatchObject({ files: [expect.any(String)] });
  });

  it.each([
    ['where the data starts', (dataOffset: number) => dataOffset],
    ['inside the first tensor', (dataOffset: number) => dataOffset + 1000],
    ['inside the last tensor', () => full.length - 100],
    ['one byte short', () => full.length - 1],
  ])('the tiny llama cut %s is GGUF_TRUNCATED, saying how long it should be', async (_where, cutAt) => {
    const { dataOffset } = await readGgufHeader(await fileWith(full));
    const cut = cutAt(dataOffset);
    const error = await readGgufModel(await fileWith(full.subarray(0, cut))).catch((e) => e);
    expect(error).toMatchObject({ code: 'GGUF_TRUNCATED', fileBytes: cut, neededBytes: full.length });
    expect(error.message).toContain(`ends at byte ${cut} but its tensors need ${full.length} bytes`);
    expect(error.message).toContain('the download may be incomplete');
  });
});

describe('tensor sizes follow ggml: the file must reach the last byte of its last tensor', () => {
  /** The file cut where its last tensor ends (by `dataBytes`), and one byte before. */
  async function cutAtEnd(document: GgufDocument, dataBytes: number): Promise<[string, string]> {
    const bytes = encodeGguf(document);
    const { dataOffset, tensors } = await readGgufHeader(await fileWith(bytes));
    const end = dataOffset + (tensors.at(-1)?.offset ?? 0) + dataBytes;
    return [await fileWith(bytes.subarray(0, end)), await fileWith(bytes.subarray(0, end - 1))];
  }

  it.each([
    ['F16', 1, [10], 20],
    ['Q4_0', 2, [64, 3], 2 * 3 * 18],
    ['Q8_0', 8, [32, 2], 2 * 34],
    ['Q4_K', 12, [256, 2], 2 * 144],
    ['Q6_K', 14, [512], 2 * 210],
    ['IQ4_XS', 23, [256], 136],
    ['BF16', 30, [7], 14],
    ['MXFP4', 39, [64], 2 * 17],
  ])('%s (type %i) with dimensions %j takes %i bytes', async (_name, type, dimensions, dataBytes) => {
    const [whole, short] = await cutAtEnd(
      { metadata: [], tensors: [f32('a', 8), { name: 'b', type, dimensions, data: new Uint8Array(dataBytes) }] },
      dataBytes,
    );
    await expect(readGgufHeader(whole)).resolves.toBeDefined();
    await expect(readGgufHeader(short)).rejects.toMatchObject({ code: 'GGUF_TRUNCATED' });
  });

  it('the data starts at the header rounded up to general.alignment', async () => {
    const documentWith = (name: string): GgufDocument => ({
      metadata: [
        ['general.alignment', gguf.u32(64)],
        ['general.name', gguf.str(name)],
      ],
      tensors: [f32('a', 8)],
    });
    // Lengthen the name until rounding the header up to 32 would stop short of rounding it up to 64.
    const tellsAlignmentsApart = (headerBytes: number) => headerBytes % 64 > 0 && headerBytes % 64 <= 32;
    let name = 'x';
    while (!tellsAlignmentsApart((await readGgufHeader(await fileWith(encodeGguf(documentWith(name))))).headerBytes)) {
      name += 'x';
    }
    const [whole, short] = await cutAtEnd(documentWith(name), 32);
    expect((await readGgufHeader(whole)).dataOffset % 64).toBe(0);
    await expect(readGgufHeader(short)).rejects.toMatchObject({ code: 'GGUF_TRUNCATED' });
  });

  it('an alignment that is not a power of two is GGUF_CORRUPT', async () => {
    const path = await fileWith(
      encodeGguf({ metadata: [['general.alignment', gguf.u32(48)]], tensors: [f32('a', 8)] }),
    );
    await expect(readGgufHeader(path)).rejects.toMatchObject({
      code: 'GGUF_CORRUPT',
      message: expect.stringContaining('general.alignment is 48, not a power of two'),
    });
  });

  it('a tensor of a type ggml-types.ts does not know is left out of the check, not refused', async () => {
    const unknown: GgufTensorData = { name: 'future', type: 99, dimensions: [100], data: new Uint8Array(64) };
    const [whole] = await cutAtEnd({ metadata: [], tensors: [f32('a', 8), unknown] }, 0);
    const info = await readGgufModel(whole);
    expect(info.header.tensors.at(-1)).toMatchObject({ name: 'future', type: 99 });
    expect(info.parameterCount).toBe(108);
  });
});
