import { writeFile } from 'node:fs/promises';
import { GgufValueType } from '@switchyard/core';
import { encodeGguf, type GgufDocument, type GgufTensorData, gguf } from './gguf-writer.js';

/**
 * A tiny llama model with random weights that llama.cpp (and node-llama-cpp) really loads: two
 * layers of width 64, a SentencePiece-style vocabulary (specials, the 256 byte tokens, a few
 * pieces). About half a megabyte; its text is gibberish, which is all an end-to-end test needs.
 */
export const TINY_LLAMA = {
  name: 'tiny-llama',
  embedding: 64,
  feedForward: 128,
  layers: 2,
  heads: 4,
  contextLength: 256,
} as const;

const PIECES = [
  '▁',
  ...'abcdefghijklmnopqrstuvwxyz'.split(''),
  ...['▁the', '▁a', '▁to', '▁of', '▁and', '▁is', '▁hello', '▁world', '▁switch', '▁yard', 'ing', 'er', 'ed', 'he'],
];
/** llama.cpp token types (llama_token_type). */
const NORMAL = 1;
const UNKNOWN = 2;
const CONTROL = 3;
const BYTE = 6;

export interface TinyLlamaOptions {
  /** PRNG seed for the weights: the same seed gives the same file. */
  readonly seed?: number;
  /** A larger shape, e.g. for a benchmark whose model must do more work than a test's. */
  readonly shape?: Partial<
    Pick<typeof TINY_LLAMA, 'embedding' | 'feedForward' | 'layers' | 'heads' | 'contextLength'>
  > & {
    /** Key/value heads for grouped-query attention; as many as `heads` when absent. */
    readonly kvHeads?: number;
  };
}

export function tinyLlamaDocument(options: TinyLlamaOptions = {}): GgufDocument {
  const { embedding: n, feedForward: ff, layers, heads, contextLength } = { ...TINY_LLAMA, ...options.shape };
  const kvHeads = options.shape?.kvHeads ?? heads;
  const kvWidth = (n / heads) * kvHeads;
  const tokens = ['<unk>', '<s>', '</s>', ...byteTokens(), ...PIECES];
  const types = tokens.map((_, id) => (id === 0 ? UNKNOWN : id < 3 ? CONTROL : id < 259 ? BYTE : NORMAL));
  const random = mulberry32(options.seed ?? 42);
  const weights = (name: string, ...dimensions: number[]): GgufTensorData => ({
    name,
    dimensions,
    data: Float32Array.from({ length: dimensions.reduce((a, b) => a * b, 1) }, () => (random() * 2 - 1) * 0.5),
  });
  const ones = (name: string): GgufTensorData => ({ name, dimensions: [n], data: new Float32Array(n).fill(1) });
  const output = weights('output.weight', n, tokens.length);
  // Zero logits for specials and non-printable bytes, so greedy text is printable and rarely ends early.
  types.forEach((type, id) => {
    const byte = id - 3;
    if (type !== NORMAL && !(type === BYTE && byte >= 0x20 && byte < 0x7f)) output.data.fill(0, id * n, (id + 1) * n);
  });

  return {
    metadata: [
      ['general.architecture', gguf.str('llama')],
      ['general.name', gguf.str(TINY_LLAMA.name)],
      ['general.file_type', gguf.u32(0)],
      ['llama.context_length', gguf.u32(contextLength)],
      ['llama.embedding_length', gguf.u32(n)],
      ['llama.block_count', gguf.u32(layers)],
      ['llama.feed_forward_length', gguf.u32(ff)],
      ['llama.attention.head_count', gguf.u32(heads)],
      ['llama.attention.head_count_kv', gguf.u32(kvHeads)],
      ['llama.attention.layer_norm_rms_epsilon', gguf.f32(1e-5)],
      ['llama.rope.dimension_count', gguf.u32(n / heads)],
      ['llama.rope.freq_base', gguf.f32(10000)],
      ['tokenizer.ggml.model', gguf.str('llama')],
      ['tokenizer.ggml.tokens', gguf.array(GgufValueType.STRING, tokens)],
      [
        'tokenizer.ggml.scores',
        gguf.array(
          GgufValueType.FLOAT32,
          tokens.map((_, id) => (id < 259 ? 0 : -id)),
        ),
      ],
      ['tokenizer.ggml.token_type', gguf.array(GgufValueType.INT32, types)],
      ['tokenizer.ggml.unknown_token_id', gguf.u32(0)],
      ['tokenizer.ggml.bos_token_id', gguf.u32(1)],
      ['tokenizer.ggml.eos_token_id', gguf.u32(2)],
      ['tokenizer.ggml.add_bos_token', gguf.bool(true)],
      ['tokenizer.ggml.add_eos_token', gguf.bool(false)],
    ],
    tensors: [
      weights('token_embd.weight', n, tokens.length),
      ones('output_norm.weight'),
      output,
      ...Array.from({ length: layers }, (_, i) => [
        ones(`blk.${i}.attn_norm.weight`),
        weights(`blk.${i}.attn_q.weight`, n, n),
        weights(`blk.${i}.attn_k.weight`, n, kvWidth),
        weights(`blk.${i}.attn_v.weight`, n, kvWidth),
        weights(`blk.${i}.attn_output.weight`, n, n),
        ones(`blk.${i}.ffn_norm.weight`),
        weights(`blk.${i}.ffn_gate.weight`, n, ff),
        weights(`blk.${i}.ffn_up.weight`, n, ff),
        weights(`blk.${i}.ffn_down.weight`, ff, n),
      ]).flat(),
    ],
  };
}

/** Writes the tiny model to `path` and returns the path. */
export async function writeTinyLlama(path: string, options: TinyLlamaOptions = {}): Promise<string> {
  await writeFile(path, encodeGguf(tinyLlamaDocument(options)));
  return path;
}

function byteTokens(): string[] {
  return Array.from({ length: 256 }, (_, byte) => `<0x${byte.toString(16).toUpperCase().padStart(2, '0')}>`);
}

/** A small seeded PRNG (mulberry32): deterministic weights without a dependency. */
function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
