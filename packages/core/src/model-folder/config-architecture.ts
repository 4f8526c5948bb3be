import { type ArchitectureFacts, type SlidingWindow, statedArchitecture } from '../fit/architecture-facts.js';
import { isPositiveInteger, type ModelConfig } from './model-config.js';

/**
 * The architecture figures a `config.json` states, under the names transformers' configs use
 * (and the older GPT-2/Falcon/ChatGLM spellings). Undefined when a figure the KV cache needs
 * (layers, heads, hidden size) is missing, as in an encoder-only or an unusual config.
 */
export function configArchitecture(config: ModelConfig, source: string): ArchitectureFacts | undefined {
  const text = config.text;
  const figure = (...keys: string[]) => keys.map((key) => text[key]).find(isPositiveInteger);
  const layers = figure('num_hidden_layers', 'n_layer', 'num_layers', 'n_layers');
  const attentionHeads = figure('num_attention_heads', 'n_head', 'n_heads');
  const hiddenSize = figure('hidden_size', 'n_embd', 'd_model', 'dim');
  if (layers === undefined || attentionHeads === undefined || hiddenSize === undefined) return undefined;
  return statedArchitecture({
    layers,
    attentionHeads,
    hiddenSize,
    // ChatGLM: multi_query_group_num; Falcon: num_kv_heads; multi_query without a count means one.
    kvHeads:
      figure('num_key_value_heads', 'multi_query_group_num', 'num_kv_heads', 'n_head_kv') ??
      (text.multi_query === true ? 1 : undefined),
    headDim: figure('head_dim'),
    valueHeadDim: figure('v_head_dim'),
    vocabSize: figure('vocab_size', 'padded_vocab_size'),
    maxContext: config.contextLength,
    slidingWindow: slidingWindowOf(text, layers),
    kvLoraRank: figure('kv_lora_rank'),
    ropeHeadDim: figure('qk_rope_head_dim'),
    expertCount: figure('num_local_experts', 'num_experts', 'n_routed_experts'),
    expertsUsed: figure('num_experts_per_tok'),
    source,
  });
}

/**
 * Which layers cache only a window: `layer_types` names them (newer configs); else Gemma's
 * `sliding_window_pattern` (every n-th layer is global; Gemma 2 alternates); else a window with
 * `use_sliding_window` not false applies to every layer (Mistral). Qwen2 states a window it does
 * not use (`use_sliding_window: false`).
 */
function slidingWindowOf(text: Readonly<Record<string, unknown>>, layers: number): SlidingWindow | undefined {
  const tokens = text.sliding_window;
  if (!isPositiveInteger(tokens) || text.use_sliding_window === false) return undefined;
  if (Array.isArray(text.layer_types)) {
    const windowLayers = text.layer_types.filter((type) => type === 'sliding_attention').length;
    return windowLayers === 0 ? undefined : { tokens, layers: windowLayers };
  }
  const pattern = isPositiveInteger(text.sliding_window_pattern)
    ? text.sliding_window_pattern
    : text.model_type === 'gemma2'
      ? 2
      : undefined;
  if (pattern === undefined) return { tokens, layers };
  let windowLayers = 0;
  for (let layer = 0; layer < layers; layer++) if ((layer + 1) % pattern !== 0) windowLayers++;
  return { tokens, layers: windowLayers };
}
