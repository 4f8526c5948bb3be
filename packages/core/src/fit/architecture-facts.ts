/**
 * The figures of a model's architecture that decide how much memory it takes beside its weights:
 * the KV cache per token and the engines' working buffers. One shape for every source: a GGUF
 * header, a model folder's `config.json`, the builtin catalog's table, or an estimate from the
 * parameter count. Names follow Hugging Face's `config.json` meaning; GGUF keys map onto them.
 */
export interface ArchitectureFacts {
  /** Transformer blocks: `num_hidden_layers`, GGUF `{arch}.block_count`. */
  readonly layers: number;
  /** Query heads: `num_attention_heads`, GGUF `{arch}.attention.head_count`. Tensor parallel must divide it. */
  readonly attentionHeads: number;
  /** Key/value heads (grouped-query attention): `num_key_value_heads`, GGUF `{arch}.attention.head_count_kv`. */
  readonly kvHeads: number;
  /** Key width per head: `head_dim` (else hidden size / heads), GGUF `{arch}.attention.key_length`. */
  readonly headDim: number;
  /** Value width per head where it differs from the key's: GGUF `{arch}.attention.value_length`. */
  readonly valueHeadDim?: number;
  /** `hidden_size`, GGUF `{arch}.embedding_length`. */
  readonly hiddenSize: number;
  /** `vocab_size`, GGUF `{arch}.vocab_size` or the tokenizer's token count. */
  readonly vocabSize?: number;
  /** The longest context the model was made for: `max_position_embeddings`, GGUF `{arch}.context_length`. */
  readonly maxContext?: number;
  /** Sliding-window attention on some layers: those layers cache only the last `tokens` tokens. */
  readonly slidingWindow?: SlidingWindow;
  /** Multi-head latent attention (DeepSeek V2/V3): one compressed latent per layer and token replaces keys and values. */
  readonly latentAttention?: LatentAttention;
  /** Mixture of experts: `num_local_experts`/`num_experts` and how many each token uses. */
  readonly experts?: Experts;
  /** Where the figures come from, e.g. `GGUF header of ./llama.gguf` or `config.json of Qwen/Qwen2.5-7B-Instruct`. */
  readonly source: string;
  /** The figures that were estimated rather than read (from the parameter count); empty or absent when none. */
  readonly estimated?: readonly (keyof ArchitectureFacts)[];
}

export interface SlidingWindow {
  /** Window length in tokens. */
  readonly tokens: number;
  /** How many of the layers use it; the rest attend to the whole context. */
  readonly layers: number;
}

export interface LatentAttention {
  /** `kv_lora_rank`: width of the compressed key/value latent. */
  readonly kvLoraRank: number;
  /** `qk_rope_head_dim`: the rotary part of the key, cached beside the latent. */
  readonly ropeHeadDim: number;
}

export interface Experts {
  readonly count: number;
  readonly used: number;
}

/** The figures a model's own file states, each undefined where it states none. */
export interface StatedFigures {
  readonly layers: number;
  readonly attentionHeads: number;
  readonly hiddenSize: number;
  readonly kvHeads?: number | undefined;
  readonly headDim?: number | undefined;
  readonly valueHeadDim?: number | undefined;
  readonly vocabSize?: number | undefined;
  readonly maxContext?: number | undefined;
  readonly slidingWindow?: SlidingWindow | undefined;
  readonly kvLoraRank?: number | undefined;
  readonly ropeHeadDim?: number | undefined;
  readonly expertCount?: number | undefined;
  readonly expertsUsed?: number | undefined;
  readonly source: string;
}

/**
 * The facts from what a GGUF header or a config.json states, with the same defaults for both: as
 * many KV heads as query heads, keys as wide as the hidden size split over the heads, values as
 * wide as keys, latent attention only with both of its figures, one expert a token.
 */
export function statedArchitecture(figures: StatedFigures): ArchitectureFacts {
  const { layers, attentionHeads, hiddenSize, valueHeadDim, vocabSize, maxContext, slidingWindow } = figures;
  const { kvLoraRank, ropeHeadDim, expertCount, source } = figures;
  const headDim = figures.headDim ?? hiddenSize / attentionHeads;
  return {
    layers,
    attentionHeads,
    kvHeads: figures.kvHeads ?? attentionHeads,
    headDim,
    ...(valueHeadDim !== undefined && valueHeadDim !== headDim ? { valueHeadDim } : {}),
    hiddenSize,
    ...(vocabSize === undefined ? {} : { vocabSize }),
    ...(maxContext === undefined ? {} : { maxContext }),
    ...(slidingWindow === undefined ? {} : { slidingWindow }),
    ...(kvLoraRank !== undefined && ropeHeadDim !== undefined ? { latentAttention: { kvLoraRank, ropeHeadDim } } : {}),
    ...(expertCount === undefined ? {} : { experts: { count: expertCount, used: figures.expertsUsed ?? 1 } }),
    source,
  };
}
