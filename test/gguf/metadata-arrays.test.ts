import { GgufValueType, readGgufHeader } from '@switchyard/core';
import { describe, expect, it } from 'vitest';
import { encodeGguf, type GgufMetadataValue, gguf } from '../support/gguf-writer.js';
import { useTempFiles } from './temp-files.js';

const { fileWith } = useTempFiles('switchyard-gguf-arrays-');

/** The metadata of a file holding `value` under `big`, between two small keys. */
async function metadataAround(value: GgufMetadataValue) {
  const bytes = encodeGguf({
    metadata: [
      ['before', gguf.u32(1)],
      ['big', value],
      ['after', gguf.str('still read')],
    ],
    tensors: [],
  });
  return (await readGgufHeader(await fileWith(bytes))).metadata;
}

/** An array of arrays `depth` deep, innermost a one-item int32 array. */
const nested = (depth: number): ReturnType<typeof gguf.array> =>
  depth === 1 ? gguf.array(GgufValueType.INT32, [7]) : gguf.array(GgufValueType.ARRAY, [nested(depth - 1)]);

describe('large metadata values are skipped, not kept in memory', () => {
  it('a 10-million-item uint8 array is reported by its length, and the keys after it still read', async () => {
    const metadata = await metadataAround(gguf.bytes(new Uint8Array(10_000_000)));
    expect(metadata.get('big')).toEqual({
      skipped: true,
      type: GgufValueType.ARRAY,
      itemType: GgufValueType.UINT8,
      length: 10_000_000,
    });
    expect(metadata.get('after')).toBe('still read');
  });

  it('a string array over 64 KiB is skipped string by string', async () => {
    const tokens = Array.from({ length: 20_000 }, (_, i) => `token-${i}`);
    const metadata = await metadataAround(gguf.array(GgufValueType.STRING, tokens));
    expect(metadata.get('big')).toEqual({
      skipped: true,
      type: GgufValueType.ARRAY,
      itemType: GgufValueType.STRING,
      length: 20_000,
    });
    expect(metadata.get('after')).toBe('still read');
  });

  it('a string over 64 KiB is reported by its length in bytes', async () => {
    const metadata = await metadataAround(gguf.str('x'.repeat(100_000)));
    expect(metadata.get('big')).toEqual({ skipped: true, type: GgufValueType.STRING, length: 100_000 });
    expect(metadata.get('after')).toBe('still read');
  });

  it('small arrays are kept', async () => {
    const metadata = await metadataAround(gguf.array(GgufValueType.STRING, ['a', 'b']));
    expect(metadata.get('big')).toEqual(['a', 'b']);
  });
});

describe('arrays of arrays', () => {
  it('are skipped, up to 8 deep', async () => {
    const metadata = await metadataAround(nested(8));
    expect(metadata.get('big')).toEqual({
      skipped: true,
      type: GgufValueType.ARRAY,
      itemType: GgufValueType.ARRAY,
      length: 1,
    });
    expect(metadata.get('after')).toBe('still read');
  });

  it('deeper than 8 are GGUF_CORRUPT', async () => {
    await expect(metadataAround(nested(9))).rejects.toMatchObject({
      code: 'GGUF_CORRUPT',
      message: expect.stringContaining('metadata big[0][0][0][0][0][0][0][0] nests arrays more than 8 deep'),
    });
  });
});
