import { type ArchitectureFacts, type SlidingWindow, statedArchitecture } from '../fit/architecture-facts.js';
import { interleavedWindow } from '../fit/interleaved-window.js';
import type { GgufHeader, GgufValue } from './gguf-header.js';

/**
 * Architectures whose sliding-window layers interleave with full-attention ones, and how:
 * llama.cpp's `hparams.set_swa_pattern(n)` (src/llama-model.cpp) makes layer `il` a window layer
 * when `il % n < n - 1`. For other architectures a window, if given, is left out: treating every
 * layer as full attention can only overestimate the cache.
 */
const SWA_PATTERNS: Readonly<Record<string, number>> = { gemma2: 2, gemma3: 6, cohere2: 4, 'gpt-oss': 2 };

/**
 * The architecture figures a GGUF header states (llama.cpp's `LLM_KV_*` keys, prefixed with
 * `general.architecture`). Undefined when a figure the KV cache needs (blocks, heads, width) is
 * missing, e.g. in an embedding-only or a vision-projector file.
 */
export function ggufArchitecture(header: GgufHeader, source: string): ArchitectureFacts | undefined {
  const meta = header.metadata;
  const arch = meta.get('general.architecture');
  if (typeof arch !== 'string') return undefined;
  const key = (name: string) => meta.get(`${arch}.${name}`);
  const layers = positive(key('block_count'));
  const attentionHeads = largest(key('attention.head_count'));
  const hiddenSize = positive(key('embedding_length'));
  if (layers === undefined || attentionHeads === undefined || hiddenSize === undefined) return undefined;
  const tokens = meta.get('tokenizer.ggml.tokens');
  return statedArchitecture({
    layers,
    attentionHeads,
    hiddenSize,
    kvHeads: largest(key('attention.head_count_kv')),
    headDim: positive(key('attention.key_length')),
    valueHeadDim: positive(key('attention.value_length')),
    vocabSize: positive(key('vocab_size')) ?? (tokens === undefined ? undefined : lengthOf(tokens)),
    maxContext: positive(key('context_length')),
    slidingWindow: slidingWindowOf(arch, layers, positive(key('attention.sliding_window'))),
    kvLoraRank: positive(key('attention.kv_lora_rank')),
    ropeHeadDim: positive(key('rope.dimension_count')),
    expertCount: positive(key('expert_count')),
    expertsUsed: positive(key('expert_used_count')),
    source,
  });
}

function slidingWindowOf(arch: string, layers: number, tokens: number | undefined): SlidingWindow | undefined {
  const pattern = SWA_PATTERNS[arch];
  if (tokens === undefined || pattern === undefined) return undefined;
  return interleavedWindow(layers, pattern, tokens);
}

function positive(value: GgufValue | undefined): number | undefined {
  const number = typeof value === 'bigint' ? Number(value) : value;
  return typeof number === 'number' && Number.isFinite(number) && number > 0 ? number : undefined;
}

/** A per-layer array (some architectures vary heads by layer) counts its largest entry: the cache must hold it. */
function largest(value: GgufValue | undefined): number | undefined {
  if (!Array.isArray(value)) return positive(value as GgufValue | undefined);
  const values = value.map((item) => positive(item)).filter((item) => item !== undefined);
  return values.length === 0 ? undefined : Math.max(...values);
}

function lengthOf(value: GgufValue): number | undefined {
  if (Array.isArray(value)) return value.length || undefined;
  return typeof value === 'object' && value !== null && 'skipped' in value ? value.length : undefined;
}
