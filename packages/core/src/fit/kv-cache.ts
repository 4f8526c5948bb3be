import type { ArchitectureFacts } from './architecture-facts.js';

/**
 * Element types a KV cache can be stored in, with their bytes per element: f16/bf16 by default in
 * every engine; q8_0 (llama.cpp `--cache-type-k/-v q8_0`: 34-byte blocks of 32) and fp8 (vLLM and
 * SGLang `--kv-cache-dtype fp8`) when asked.
 */
export const KV_CACHE_TYPES = { f16: 2, bf16: 2, q8_0: 34 / 32, fp8: 1 } as const;
export type KvCacheType = keyof typeof KV_CACHE_TYPES;

/**
 * Bytes one token takes in the cache across all layers when every layer sees the whole context:
 * keys and values, 2 × layers × KV heads × head width × bytes per element. Under latent attention
 * a layer caches one latent of `kv_lora_rank + qk_rope_head_dim` instead (as vLLM and SGLang do).
 */
export function kvBytesPerToken(facts: ArchitectureFacts, cacheType: KvCacheType = 'f16'): number {
  return facts.layers * kvElementsPerLayerToken(facts) * KV_CACHE_TYPES[cacheType];
}

function kvElementsPerLayerToken(facts: ArchitectureFacts): number {
  if (facts.latentAttention) return facts.latentAttention.kvLoraRank + facts.latentAttention.ropeHeadDim;
  return facts.kvHeads * (facts.headDim + (facts.valueHeadDim ?? facts.headDim));
}

/**
 * Bytes of the cache for `sequences` sequences of `tokens` tokens each. Sliding-window layers hold
 * at most their window (engines that know the architecture allocate no more for them).
 */
export function kvCacheBytes(
  facts: ArchitectureFacts,
  tokens: number,
  sequences = 1,
  cacheType: KvCacheType = 'f16',
): number {
  const perLayerToken = kvElementsPerLayerToken(facts) * KV_CACHE_TYPES[cacheType];
  const window = facts.slidingWindow;
  const windowLayers = window ? Math.min(window.layers, facts.layers) : 0;
  const layerTokens = (facts.layers - windowLayers) * tokens + windowLayers * Math.min(tokens, window?.tokens ?? 0);
  return perLayerToken * layerTokens * sequences;
}

/**
 * The share of the cache one GPU holds under tensor parallel of `size`: its KV heads, where engines
 * replicate heads when there are fewer than GPUs (vLLM, SGLang); a latent is replicated on every GPU.
 */
export function kvShareOfOneGpu(facts: ArchitectureFacts, size: number): number {
  if (facts.latentAttention) return 1;
  return Math.max(1, facts.kvHeads / size) / facts.kvHeads;
}
