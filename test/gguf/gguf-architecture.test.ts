import { type ArchitectureFacts, GgufValueType, kvBytesPerToken, kvCacheBytes, readGgufModel } from '@switchyard/core';
import { describe, expect, it } from 'vitest';
import { encodeGguf, gguf } from '../support/gguf-writer.js';
import { tinyLlamaDocument } from '../support/tiny-llama.js';
import { useTempFiles } from './temp-files.js';

const temp = useTempFiles('switchyard-gguf-arch-');

async function factsOf(path: string): Promise<ArchitectureFacts> {
  const { architectureFacts } = await readGgufModel(path);
  if (!architectureFacts) throw new Error(`no architecture facts in ${path}`);
  return architectureFacts;
}

describe('architecture facts from a GGUF header', () => {
  it('reads blocks, heads, grouped KV heads, widths, vocabulary and context, and sizes the cache from them', async () => {
    const shape = { embedding: 128, heads: 8, kvHeads: 2, layers: 3, contextLength: 4096 };
    const document = tinyLlamaDocument({ shape });
    const path = await temp.fileWith(encodeGguf(document));
    const facts = await factsOf(path);
    const tokens = document.metadata.find(([key]) => key === 'tokenizer.ggml.tokens')?.[1];
    expect(facts).toMatchObject({
      layers: 3,
      attentionHeads: 8,
      kvHeads: 2,
      headDim: 16,
      hiddenSize: 128,
      vocabSize: tokens && 'items' in tokens ? tokens.items.length : -1,
      maxContext: 4096,
      source: expect.stringMatching(/^GGUF header of .*\.gguf$/),
    });
    expect(facts).not.toHaveProperty('estimated');
    // 2 (keys and values) × 3 layers × 2 KV heads × 16 wide × 2 bytes (f16): a quarter of what 8 heads would take.
    expect(kvBytesPerToken(facts)).toBe(2 * 3 * 2 * 16 * 2);
    expect(kvCacheBytes(facts, 1000, 1, 'q8_0')).toBe(2 * 3 * 2 * 16 * (34 / 32) * 1000);
  });

  it('counts the tensor data of the file as the weights, and the repeating blocks apart', async () => {
    const path = await temp.fileWith(encodeGguf(tinyLlamaDocument({ shape: { kvHeads: 2 } })));
    const { weights } = await readGgufModel(path);
    const document = tinyLlamaDocument({ shape: { kvHeads: 2 } });
    const bytes = (names: RegExp) =>
      document.tensors.filter((t) => names.test(t.name)).reduce((sum, t) => sum + t.data.byteLength, 0);
    expect(weights.bytes).toBe(bytes(/./));
    expect(weights.layerBytes).toBe(bytes(/^blk\./));
    expect(weights.source).toMatch(/^tensor data of /);
  });

  it('reads key and value widths, interleaved sliding windows, latent attention and experts where stated', async () => {
    const path = await temp.fileWith(
      encodeGguf({
        metadata: [
          ['general.architecture', gguf.str('gemma3')],
          ['gemma3.block_count', gguf.u32(12)],
          ['gemma3.embedding_length', gguf.u32(640)],
          ['gemma3.attention.head_count', gguf.u32(4)],
          ['gemma3.attention.head_count_kv', gguf.array(GgufValueType.UINT32, Array(12).fill(1))],
          ['gemma3.attention.key_length', gguf.u32(256)],
          ['gemma3.attention.value_length', gguf.u32(256)],
          ['gemma3.attention.sliding_window', gguf.u32(512)],
          ['gemma3.context_length', gguf.u32(32768)],
          ['gemma3.expert_count', gguf.u32(8)],
          ['gemma3.expert_used_count', gguf.u32(2)],
        ],
        tensors: [],
      }),
    );
    const facts = await factsOf(path);
    // Gemma 3 has one full-attention layer in six: layers 5 and 11 of 12.
    expect(facts).toMatchObject({ kvHeads: 1, headDim: 256, slidingWindow: { tokens: 512, layers: 10 } });
    expect(facts).not.toHaveProperty('valueHeadDim');
    expect(facts.experts).toEqual({ count: 8, used: 2 });
    const perLayerToken = 2 * 1 * 256 * 2;
    expect(kvCacheBytes(facts, 32768)).toBe(perLayerToken * (2 * 32768 + 10 * 512));
  });

  it('gives no facts when the header lacks what the cache depends on', async () => {
    const path = await temp.fileWith(
      encodeGguf({ metadata: [['general.architecture', gguf.str('clip')]], tensors: [] }),
    );
    expect((await readGgufModel(path)).architectureFacts).toBeUndefined();
  });
});
