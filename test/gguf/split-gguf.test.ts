import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { readGgufModel } from '@switchyard/core';
import { describe, expect, it } from 'vitest';
import { encodeGguf, encodeGgufShards, shardName } from '../support/gguf-writer.js';
import { TINY_LLAMA, tinyLlamaDocument } from '../support/tiny-llama.js';
import { useTempFiles } from './temp-files.js';

const temp = useTempFiles('switchyard-gguf-split-');
const document = tinyLlamaDocument();
const shards = encodeGgufShards(document, 3) as [Buffer, Buffer, Buffer];

let folders = 0;
/** Writes `files` (shard index → bytes, under llama.cpp's shard names) into a new folder; returns their paths. */
async function writeShards(files: ReadonlyMap<number, Buffer>): Promise<[string, string, string]> {
  const folder = join(temp.dir(), `split-${folders++}`);
  await mkdir(folder);
  const pathOf = (shard: number) => join(folder, shardName('tiny', shard, 3));
  for (const [shard, bytes] of files) await writeFile(pathOf(shard), bytes);
  return [pathOf(0), pathOf(1), pathOf(2)];
}

const all = () => new Map(shards.map((bytes, shard) => [shard, bytes]));

describe('a split GGUF model (split.count > 1)', () => {
  it('is read from its first shard: every shard is found and its parameters counted', async () => {
    const paths = await writeShards(all());
    const info = await readGgufModel(paths[0]);
    const single = await readGgufModel(await temp.fileWith(encodeGguf(document)));
    expect(info.files).toEqual(paths);
    expect(info.parameterCount).toBe(single.parameterCount);
    expect(info.spec).toMatchObject({ modelName: TINY_LLAMA.name, contextLength: TINY_LLAMA.contextLength });
  });

  it('with shards missing beside the first is GGUF_MISSING_SHARDS, naming them', async () => {
    const [first] = await writeShards(new Map([[0, shards[0]]]));
    const error = await readGgufModel(first).catch((e) => e);
    expect(error.code).toBe('GGUF_MISSING_SHARDS');
    expect(error.message).toContain('tiny-00002-of-00003.gguf, tiny-00003-of-00003.gguf are missing beside it');
  });

  it('given by a later shard is GGUF_NOT_FIRST_SHARD, naming the first shard to pass instead', async () => {
    const paths = await writeShards(all());
    const error = await readGgufModel(paths[1]).catch((e) => e);
    expect(error.code).toBe('GGUF_NOT_FIRST_SHARD');
    expect(error.message).toContain('is shard 2 of 3 of a split GGUF model');
    expect(error.hint).toBe(`Pass the first shard instead: ${paths[0]}.`);
  });

  it('with a truncated shard is GGUF_TRUNCATED, naming that shard', async () => {
    const cut = all().set(2, shards[2].subarray(0, -100));
    const paths = await writeShards(cut);
    await expect(readGgufModel(paths[0])).rejects.toMatchObject({ code: 'GGUF_TRUNCATED', path: paths[2] });
  });

  it('with a shard whose header says another position is GGUF_CORRUPT', async () => {
    const paths = await writeShards(all().set(2, shards[1]));
    await expect(readGgufModel(paths[0])).rejects.toMatchObject({
      code: 'GGUF_CORRUPT',
      message: expect.stringContaining('named as shard 3 of 3, but its header says shard 2 of 3'),
    });
  });

  it('whose first shard was renamed is GGUF_SHARD_NAME: the other shards cannot be found', async () => {
    const renamed = await temp.fileWith(shards[0], 'tiny.gguf');
    await expect(readGgufModel(renamed)).rejects.toMatchObject({
      code: 'GGUF_SHARD_NAME',
      message: expect.stringContaining('its name does not end in -00001-of-00003.gguf'),
    });
  });
});
