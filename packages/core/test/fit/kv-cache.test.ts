import { describe, expect, it } from 'vitest';
import { catalogArchitecture } from '../../src/fit/catalog-architectures.js';
import { kvBytesPerToken, kvCacheBytes } from '../../src/index.js';

const facts = (name: string, size: number) => {
  const found = catalogArchitecture(name, size);
  if (!found) throw new Error(`no architecture for ${name} ${size}B`);
  return found;
};

describe('KV cache bytes per token of published models (f16)', () => {
  // 2 × layers × KV heads × head width × 2 bytes, with the figures of each model's config.json.
  it.each([
    ['llama-3.1-instruct', 8, 131072], // 32 layers, 8 KV heads, 128 wide
    ['qwen2.5-instruct', 7, 57344], // 28 layers, 4 KV heads
    ['qwen2.5-instruct', 32, 262144], // 64 layers, 8 KV heads
    ['mistral-instruct-v0.3', 7, 131072], // 32 layers, 8 KV heads
    ['llama-2-chat', 7, 524288], // no grouped-query attention: 32 KV heads
  ])('%s %sB takes %i bytes a token', (name, size, bytes) => {
    expect(kvBytesPerToken(facts(name, size))).toBe(bytes);
  });

  it('takes half as much in fp8 and about 53% in q8_0', () => {
    const llama = facts('llama-3.1-instruct', 8);
    expect(kvBytesPerToken(llama, 'fp8')).toBe(65536);
    expect(kvBytesPerToken(llama, 'q8_0')).toBe(131072 * (34 / 64));
  });

  it('caches one latent per layer under latent attention: DeepSeek V3 takes 61 × (512 + 64) × 2 bytes', () => {
    expect(kvBytesPerToken(facts('deepseek-v3', 671))).toBe(61 * 576 * 2);
  });

  it('holds only the window on sliding-window layers: Gemma 3 27B at 131,072 tokens', () => {
    const gemma = facts('gemma-3-it', 27);
    const perLayerToken = 2 * 16 * 128 * 2;
    // 62 layers, every sixth full attention (10 of them), the other 52 a window of 1,024 tokens.
    expect(gemma.slidingWindow).toEqual({ tokens: 1024, layers: 52 });
    expect(kvCacheBytes(gemma, 131072)).toBe(perLayerToken * (10 * 131072 + 52 * 1024));
    expect(kvCacheBytes(gemma, 512)).toBe(perLayerToken * 62 * 512);
  });

  it('multiplies by the sequences that each hold the whole context', () => {
    const qwen = facts('qwen2.5-instruct', 7);
    expect(kvCacheBytes(qwen, 8192, 4)).toBe(57344 * 8192 * 4);
  });
});
