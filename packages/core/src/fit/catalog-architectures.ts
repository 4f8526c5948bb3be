import type { ArchitectureFacts } from './architecture-facts.js';
import { interleavedWindow } from './interleaved-window.js';

type Figures = Omit<ArchitectureFacts, 'source' | 'estimated'>;

/** layers, attention heads, KV heads, head width, hidden size, vocabulary, max context (`config.json`). */
const arch = (
  layers: number,
  attentionHeads: number,
  kvHeads: number,
  headDim: number,
  hiddenSize: number,
  vocabSize: number,
  maxContext: number | undefined,
  extra: Partial<Figures> = {},
): Figures => ({
  layers,
  attentionHeads,
  kvHeads,
  headDim,
  hiddenSize,
  vocabSize,
  ...(maxContext === undefined ? {} : { maxContext }),
  ...extra,
});
const moe = (count: number, used: number) => ({ experts: { count, used } });
/** DeepSeek V2/V3's multi-head latent attention: `kv_lora_rank` 512, `qk_rope_head_dim` 64, values 128 wide. */
const mla = { latentAttention: { kvLoraRank: 512, ropeHeadDim: 64 }, valueHeadDim: 128 };

/**
 * Architecture figures of the builtin catalog's models, each from the `config.json` of the Hugging
 * Face repository it is keyed by (num_hidden_layers, num_attention_heads, num_key_value_heads,
 * head_dim or hidden_size / heads, hidden_size, vocab_size, max_position_embeddings; GLM and
 * ChatGLM name them num_layers, multi_query_group_num, kv_channels, padded_vocab_size, seq_length).
 * A model whose config states no usable maximum leaves it to the catalog's `contextLength`.
 */
const CONFIGS: Readonly<Record<string, Figures>> = {
  'baichuan-inc/Baichuan2-7B-Chat': arch(32, 32, 32, 128, 4096, 125696, 4096),
  'baichuan-inc/Baichuan2-13B-Chat': arch(40, 40, 40, 128, 5120, 125696, 4096),
  // Command R's config states 8,192 though the model card says 128k; the catalog's figure is kept.
  'CohereForAI/c4ai-command-r-v01': arch(40, 64, 64, 128, 8192, 256000, undefined),
  'CohereForAI/c4ai-command-r-plus': arch(64, 96, 8, 128, 12288, 256000, undefined),
  'THUDM/chatglm3-6b': arch(28, 32, 2, 128, 4096, 65024, 8192),
  'THUDM/chatglm3-6b-32k': arch(28, 32, 2, 128, 4096, 65024, 32768),
  'THUDM/chatglm3-6b-128k': arch(28, 32, 2, 128, 4096, 65024, 131072),
  'codellama/CodeLlama-7b-Instruct-hf': arch(32, 32, 32, 128, 4096, 32016, 16384),
  'codellama/CodeLlama-13b-Instruct-hf': arch(40, 40, 40, 128, 5120, 32016, 16384),
  'codellama/CodeLlama-34b-Instruct-hf': arch(48, 64, 8, 128, 8192, 32000, 16384),
  'zai-org/codegeex4-all-9b': arch(40, 32, 2, 128, 4096, 151552, 131072),
  'Qwen/CodeQwen1.5-7B-Chat': arch(32, 32, 4, 128, 4096, 92416, 65536),
  'mistralai/Codestral-22B-v0.1': arch(56, 48, 8, 128, 6144, 32768, 32768),
  'deepseek-ai/deepseek-llm-7b-chat': arch(30, 32, 32, 128, 4096, 102400, 4096),
  'deepseek-ai/deepseek-llm-67b-chat': arch(95, 64, 8, 128, 8192, 102400, 4096),
  'deepseek-ai/deepseek-coder-1.3b-instruct': arch(24, 16, 16, 128, 2048, 32256, 16384),
  'deepseek-ai/deepseek-coder-6.7b-instruct': arch(32, 32, 32, 128, 4096, 32256, 16384),
  'deepseek-ai/deepseek-coder-7b-instruct-v1.5': arch(30, 32, 32, 128, 4096, 102400, 4096),
  'deepseek-ai/deepseek-coder-33b-instruct': arch(62, 56, 8, 128, 7168, 32256, 16384),
  'deepseek-ai/DeepSeek-V3': arch(61, 128, 128, 192, 7168, 129280, 163840, { ...mla, ...moe(256, 8) }),
  'deepseek-ai/DeepSeek-R1': arch(61, 128, 128, 192, 7168, 129280, 163840, { ...mla, ...moe(256, 8) }),
  'deepseek-ai/DeepSeek-V2.5': arch(60, 128, 128, 192, 5120, 102400, 163840, { ...mla, ...moe(160, 6) }),
  'deepseek-ai/DeepSeek-V2-Chat': arch(60, 128, 128, 192, 5120, 102400, 163840, { ...mla, ...moe(160, 6) }),
  'deepseek-ai/DeepSeek-V2-Lite-Chat': arch(27, 16, 16, 192, 2048, 102400, 163840, { ...mla, ...moe(64, 6) }),
  'deepseek-ai/DeepSeek-R1-Distill-Llama-8B': arch(32, 32, 8, 128, 4096, 128256, 131072),
  'deepseek-ai/DeepSeek-R1-Distill-Llama-70B': arch(80, 64, 8, 128, 8192, 128256, 131072),
  'deepseek-ai/DeepSeek-R1-Distill-Qwen-1.5B': arch(28, 12, 2, 128, 1536, 151936, 131072),
  'deepseek-ai/DeepSeek-R1-Distill-Qwen-7B': arch(28, 28, 4, 128, 3584, 152064, 131072),
  'deepseek-ai/DeepSeek-R1-Distill-Qwen-14B': arch(48, 40, 8, 128, 5120, 152064, 131072),
  'deepseek-ai/DeepSeek-R1-Distill-Qwen-32B': arch(64, 40, 8, 128, 5120, 152064, 131072),
  'deepseek-ai/DeepSeek-R1-0528-Qwen3-8B': arch(36, 32, 8, 128, 4096, 151936, 131072),
  'google/gemma-2b-it': arch(18, 8, 1, 256, 2048, 256000, 8192),
  'google/gemma-7b-it': arch(28, 16, 16, 256, 3072, 256000, 8192),
  'google/gemma-2-2b-it': arch(26, 8, 4, 256, 2304, 256000, 8192, { slidingWindow: interleavedWindow(26, 2, 4096) }),
  'google/gemma-2-9b-it': arch(42, 16, 8, 256, 3584, 256000, 8192, { slidingWindow: interleavedWindow(42, 2, 4096) }),
  'google/gemma-2-27b-it': arch(46, 32, 16, 128, 4608, 256000, 8192, { slidingWindow: interleavedWindow(46, 2, 4096) }),
  'google/gemma-3-1b-it': arch(26, 4, 1, 256, 1152, 262144, 32768, { slidingWindow: interleavedWindow(26, 6, 512) }),
  'google/gemma-3-4b-it': arch(34, 8, 4, 256, 2560, 262208, 131072, { slidingWindow: interleavedWindow(34, 6, 1024) }),
  'google/gemma-3-12b-it': arch(48, 16, 8, 256, 3840, 262208, 131072, {
    slidingWindow: interleavedWindow(48, 6, 1024),
  }),
  'google/gemma-3-27b-it': arch(62, 32, 16, 128, 5376, 262208, 131072, {
    slidingWindow: interleavedWindow(62, 6, 1024),
  }),
  'zai-org/glm-4-9b-chat-hf': arch(40, 32, 2, 128, 4096, 151552, 131072),
  'zai-org/glm-4-9b-chat-1m-hf': arch(40, 32, 4, 128, 4096, 151552, 1048576),
  'openai/gpt-oss-20b': arch(24, 64, 8, 64, 2880, 201088, 131072, {
    slidingWindow: interleavedWindow(24, 2, 128),
    ...moe(32, 4),
  }),
  'openai/gpt-oss-120b': arch(36, 64, 8, 64, 2880, 201088, 131072, {
    slidingWindow: interleavedWindow(36, 2, 128),
    ...moe(128, 4),
  }),
  'internlm/internlm2-chat-7b': arch(32, 32, 8, 128, 4096, 92544, 32768),
  'internlm/internlm2-chat-20b': arch(48, 48, 8, 128, 6144, 92544, 32768),
  'internlm/internlm2_5-1_8b-chat': arch(24, 16, 8, 128, 2048, 92544, 32768),
  'internlm/internlm2_5-7b-chat': arch(32, 32, 8, 128, 4096, 92544, 32768),
  'internlm/internlm2_5-7b-chat-1m': arch(32, 32, 8, 128, 4096, 92544, 262144),
  'internlm/internlm2_5-20b-chat': arch(48, 48, 8, 128, 6144, 92544, 32768),
  'meta-llama/Llama-2-7b-chat-hf': arch(32, 32, 32, 128, 4096, 32000, 4096),
  'meta-llama/Llama-2-13b-chat-hf': arch(40, 40, 40, 128, 5120, 32000, 4096),
  'meta-llama/Llama-2-70b-chat-hf': arch(80, 64, 8, 128, 8192, 32000, 4096),
  'meta-llama/Meta-Llama-3-8B-Instruct': arch(32, 32, 8, 128, 4096, 128256, 8192),
  'meta-llama/Meta-Llama-3-70B-Instruct': arch(80, 64, 8, 128, 8192, 128256, 8192),
  'meta-llama/Meta-Llama-3.1-8B-Instruct': arch(32, 32, 8, 128, 4096, 128256, 131072),
  'meta-llama/Meta-Llama-3.1-70B-Instruct': arch(80, 64, 8, 128, 8192, 128256, 131072),
  'meta-llama/Meta-Llama-3.1-405B-Instruct': arch(126, 128, 8, 128, 16384, 128256, 131072),
  // The text model's layers, cross-attention layers included (text_config).
  'meta-llama/Llama-3.3-70B-Instruct': arch(80, 64, 8, 128, 8192, 128256, 131072),
  'meta-llama/Llama-3.2-11B-Vision-Instruct': arch(40, 32, 8, 128, 4096, 128256, 131072),
  'meta-llama/Llama-3.2-90B-Vision-Instruct': arch(100, 64, 8, 128, 8192, 128256, 131072),
  'mistralai/Mistral-7B-Instruct-v0.1': arch(32, 32, 8, 128, 4096, 32000, 32768),
  'mistralai/Mistral-7B-Instruct-v0.2': arch(32, 32, 8, 128, 4096, 32000, 32768),
  'mistralai/Mistral-7B-Instruct-v0.3': arch(32, 32, 8, 128, 4096, 32768, 32768),
  'mistralai/Mistral-Large-Instruct-2407': arch(88, 96, 8, 128, 12288, 32768, 131072),
  'mistralai/Mistral-Nemo-Instruct-2407': arch(40, 32, 8, 128, 5120, 131072, 1024000),
  'mistralai/Mixtral-8x7B-Instruct-v0.1': arch(32, 32, 8, 128, 4096, 32000, 32768, moe(8, 2)),
  'mistralai/Mixtral-8x22B-Instruct-v0.1': arch(56, 48, 8, 128, 6144, 32768, 65536, moe(8, 2)),
  'OrionStarAI/Orion-14B-Chat': arch(40, 40, 40, 128, 5120, 84608, 4096),
  'microsoft/phi-2': arch(32, 32, 32, 80, 2560, 51200, 2048),
  'microsoft/Phi-3-mini-4k-instruct': arch(32, 32, 32, 96, 3072, 32064, 4096),
  'microsoft/Phi-3-mini-128k-instruct': arch(32, 32, 32, 96, 3072, 32064, 131072),
  'Qwen/Qwen-1_8B-Chat': arch(24, 16, 16, 128, 2048, 151936, 8192),
  'Qwen/Qwen-7B-Chat': arch(32, 32, 32, 128, 4096, 151936, 8192),
  'Qwen/Qwen-14B-Chat': arch(40, 40, 40, 128, 5120, 152064, 8192),
  'Qwen/Qwen-72B-Chat': arch(80, 64, 64, 128, 8192, 152064, 32768),
  'Qwen/Qwen1.5-0.5B-Chat': arch(24, 16, 16, 64, 1024, 151936, 32768),
  'Qwen/Qwen1.5-1.8B-Chat': arch(24, 16, 16, 128, 2048, 151936, 32768),
  'Qwen/Qwen1.5-4B-Chat': arch(40, 20, 20, 128, 2560, 151936, 32768),
  'Qwen/Qwen1.5-7B-Chat': arch(32, 32, 32, 128, 4096, 151936, 32768),
  'Qwen/Qwen1.5-14B-Chat': arch(40, 40, 40, 128, 5120, 152064, 32768),
  'Qwen/Qwen1.5-32B-Chat': arch(64, 40, 8, 128, 5120, 152064, 32768),
  'Qwen/Qwen1.5-72B-Chat': arch(80, 64, 64, 128, 8192, 152064, 32768),
  'Qwen/Qwen1.5-110B-Chat': arch(80, 64, 8, 128, 8192, 152064, 32768),
  'Qwen/Qwen1.5-MoE-A2.7B-Chat': arch(24, 16, 16, 128, 2048, 151936, 8192, moe(60, 4)),
  'Qwen/Qwen2-0.5B-Instruct': arch(24, 14, 2, 64, 896, 151936, 32768),
  'Qwen/Qwen2-1.5B-Instruct': arch(28, 12, 2, 128, 1536, 151936, 32768),
  'Qwen/Qwen2-7B-Instruct': arch(28, 28, 4, 128, 3584, 152064, 32768),
  'Qwen/Qwen2-72B-Instruct': arch(80, 64, 8, 128, 8192, 152064, 32768),
  'Qwen/Qwen2-57B-A14B-Instruct': arch(28, 28, 4, 128, 3584, 151936, 32768, moe(64, 8)),
  'Qwen/Qwen2.5-0.5B-Instruct': arch(24, 14, 2, 64, 896, 151936, 32768),
  'Qwen/Qwen2.5-1.5B-Instruct': arch(28, 12, 2, 128, 1536, 151936, 32768),
  'Qwen/Qwen2.5-3B-Instruct': arch(36, 16, 2, 128, 2048, 151936, 32768),
  'Qwen/Qwen2.5-7B-Instruct': arch(28, 28, 4, 128, 3584, 152064, 32768),
  'Qwen/Qwen2.5-14B-Instruct': arch(48, 40, 8, 128, 5120, 152064, 32768),
  'Qwen/Qwen2.5-32B-Instruct': arch(64, 40, 8, 128, 5120, 152064, 32768),
  'Qwen/Qwen2.5-72B-Instruct': arch(80, 64, 8, 128, 8192, 152064, 32768),
  'Qwen/Qwen2.5-VL-3B-Instruct': arch(36, 16, 2, 128, 2048, 151936, 128000),
  'Qwen/Qwen2.5-VL-7B-Instruct': arch(28, 28, 4, 128, 3584, 152064, 128000),
  'Qwen/Qwen2.5-VL-32B-Instruct': arch(64, 40, 8, 128, 5120, 152064, 128000),
  'Qwen/Qwen2.5-VL-72B-Instruct': arch(80, 64, 8, 128, 8192, 152064, 128000),
  'Qwen/Qwen3-0.6B': arch(28, 16, 8, 128, 1024, 151936, 40960),
  'Qwen/Qwen3-1.7B': arch(28, 16, 8, 128, 2048, 151936, 40960),
  'Qwen/Qwen3-4B': arch(36, 32, 8, 128, 2560, 151936, 40960),
  'Qwen/Qwen3-8B': arch(36, 32, 8, 128, 4096, 151936, 40960),
  'Qwen/Qwen3-14B': arch(40, 40, 8, 128, 5120, 151936, 40960),
  'Qwen/Qwen3-32B': arch(64, 64, 8, 128, 5120, 151936, 40960),
  'Qwen/Qwen3-30B-A3B': arch(48, 32, 4, 128, 2048, 151936, 40960, moe(128, 8)),
  'Qwen/Qwen3-235B-A22B': arch(94, 64, 4, 128, 4096, 151936, 40960, moe(128, 8)),
  'Qwen/Qwen3-4B-Instruct-2507': arch(36, 32, 8, 128, 2560, 151936, 262144),
  'Qwen/Qwen3-30B-A3B-Instruct-2507': arch(48, 32, 4, 128, 2048, 151936, 262144, moe(128, 8)),
  'Qwen/Qwen3-235B-A22B-Instruct-2507': arch(94, 64, 4, 128, 4096, 151936, 262144, moe(128, 8)),
  'Qwen/Qwen3-Coder-30B-A3B-Instruct': arch(48, 32, 4, 128, 2048, 151936, 262144, moe(128, 8)),
  'Qwen/Qwen3-Coder-480B-A35B-Instruct': arch(62, 96, 8, 128, 6144, 151936, 262144, moe(160, 8)),
  'Qwen/QwQ-32B': arch(64, 40, 8, 128, 5120, 152064, 40960),
  'Qwen/QwQ-32B-Preview': arch(64, 40, 8, 128, 5120, 152064, 32768),
  'TinyLlama/TinyLlama-1.1B-Chat-v1.0': arch(22, 32, 4, 64, 2048, 32000, 2048),
  '01-ai/Yi-6B-Chat': arch(32, 32, 4, 128, 4096, 64000, 4096),
  '01-ai/Yi-34B-Chat': arch(60, 56, 8, 128, 7168, 64000, 4096),
  '01-ai/Yi-9B': arch(48, 32, 4, 128, 4096, 64000, 4096),
  '01-ai/Yi-1.5-6B-Chat': arch(32, 32, 4, 128, 4096, 64000, 4096),
  '01-ai/Yi-1.5-9B-Chat': arch(48, 32, 4, 128, 4096, 64000, 4096),
  '01-ai/Yi-1.5-34B-Chat': arch(60, 56, 8, 128, 7168, 64000, 4096),
  '01-ai/Yi-1.5-9B-Chat-16K': arch(48, 32, 4, 128, 4096, 64000, 16384),
  '01-ai/Yi-1.5-34B-Chat-16K': arch(60, 56, 8, 128, 7168, 64000, 16384),
  '01-ai/Yi-Coder-1.5B-Chat': arch(24, 16, 16, 128, 2048, 64000, 131072),
  '01-ai/Yi-Coder-9B-Chat': arch(48, 32, 4, 128, 4096, 64000, 131072),
};

/** Sizes (billions, as the catalog spells them) to the repository whose config describes them. */
type Sizes = Readonly<Record<number, string>>;

const llama31: Sizes = {
  8: 'meta-llama/Meta-Llama-3.1-8B-Instruct',
  70: 'meta-llama/Meta-Llama-3.1-70B-Instruct',
  405: 'meta-llama/Meta-Llama-3.1-405B-Instruct',
};
const qwen25: Sizes = {
  0.5: 'Qwen/Qwen2.5-0.5B-Instruct',
  1.5: 'Qwen/Qwen2.5-1.5B-Instruct',
  3: 'Qwen/Qwen2.5-3B-Instruct',
  7: 'Qwen/Qwen2.5-7B-Instruct',
  14: 'Qwen/Qwen2.5-14B-Instruct',
  32: 'Qwen/Qwen2.5-32B-Instruct',
  72: 'Qwen/Qwen2.5-72B-Instruct',
};
const qwen3: Sizes = {
  0.6: 'Qwen/Qwen3-0.6B',
  1.7: 'Qwen/Qwen3-1.7B',
  4: 'Qwen/Qwen3-4B',
  8: 'Qwen/Qwen3-8B',
  14: 'Qwen/Qwen3-14B',
  30: 'Qwen/Qwen3-30B-A3B',
  32: 'Qwen/Qwen3-32B',
  235: 'Qwen/Qwen3-235B-A22B',
};
const qwen3_2507: Sizes = {
  4: 'Qwen/Qwen3-4B-Instruct-2507',
  30: 'Qwen/Qwen3-30B-A3B-Instruct-2507',
  235: 'Qwen/Qwen3-235B-A22B-Instruct-2507',
};
const llama2: Sizes = {
  7: 'meta-llama/Llama-2-7b-chat-hf',
  13: 'meta-llama/Llama-2-13b-chat-hf',
  70: 'meta-llama/Llama-2-70b-chat-hf',
};
const llama3: Sizes = { 8: 'meta-llama/Meta-Llama-3-8B-Instruct', 70: 'meta-llama/Meta-Llama-3-70B-Instruct' };
const codeLlama: Sizes = {
  7: 'codellama/CodeLlama-7b-Instruct-hf',
  13: 'codellama/CodeLlama-13b-Instruct-hf',
  34: 'codellama/CodeLlama-34b-Instruct-hf',
};
const deepseekLlm: Sizes = { 7: 'deepseek-ai/deepseek-llm-7b-chat', 67: 'deepseek-ai/deepseek-llm-67b-chat' };
const deepseekCoder: Sizes = {
  1.3: 'deepseek-ai/deepseek-coder-1.3b-instruct',
  6.7: 'deepseek-ai/deepseek-coder-6.7b-instruct',
  7: 'deepseek-ai/deepseek-coder-7b-instruct-v1.5',
  33: 'deepseek-ai/deepseek-coder-33b-instruct',
};
const mixtral8x7b: Sizes = { 46.7: 'mistralai/Mixtral-8x7B-Instruct-v0.1' };
const yi: Sizes = { 6: '01-ai/Yi-6B-Chat', 9: '01-ai/Yi-9B', 34: '01-ai/Yi-34B-Chat' };
const yi15: Sizes = { 6: '01-ai/Yi-1.5-6B-Chat', 9: '01-ai/Yi-1.5-9B-Chat', 34: '01-ai/Yi-1.5-34B-Chat' };
const yiCoder: Sizes = { 1.5: '01-ai/Yi-Coder-1.5B-Chat', 9: '01-ai/Yi-Coder-9B-Chat' };
const internlm25: Sizes = {
  1.8: 'internlm/internlm2_5-1_8b-chat',
  7: 'internlm/internlm2_5-7b-chat',
  20: 'internlm/internlm2_5-20b-chat',
};
const commandR: Sizes = { 35: 'CohereForAI/c4ai-command-r-v01', 104: 'CohereForAI/c4ai-command-r-plus' };

/**
 * The builtin families by catalog name. Base and instruct models of one family share their
 * architecture, so one config serves both; fine-tunes (R1 distills, coders) use their own.
 */
const FAMILIES: Readonly<Record<string, Sizes>> = {
  'baichuan-2-chat': { 7: 'baichuan-inc/Baichuan2-7B-Chat', 13: 'baichuan-inc/Baichuan2-13B-Chat' },
  'c4ai-command-r-v01': commandR,
  chatglm3: { 6: 'THUDM/chatglm3-6b' },
  'chatglm3-32k': { 6: 'THUDM/chatglm3-6b-32k' },
  'chatglm3-128k': { 6: 'THUDM/chatglm3-6b-128k' },
  'code-llama': codeLlama,
  'code-llama-instruct': codeLlama,
  'code-llama-python': codeLlama,
  codegeex4: { 9: 'zai-org/codegeex4-all-9b' },
  'codeqwen1.5': { 7: 'Qwen/CodeQwen1.5-7B-Chat' },
  'codeqwen1.5-chat': { 7: 'Qwen/CodeQwen1.5-7B-Chat' },
  'codestral-v0.1': { 22: 'mistralai/Codestral-22B-v0.1' },
  deepseek: deepseekLlm,
  'deepseek-chat': deepseekLlm,
  'deepseek-coder': deepseekCoder,
  'deepseek-coder-instruct': deepseekCoder,
  'deepseek-r1': { 671: 'deepseek-ai/DeepSeek-R1' },
  'deepseek-v3': { 671: 'deepseek-ai/DeepSeek-V3' },
  'deepseek-r1-0528-qwen3': { 8: 'deepseek-ai/DeepSeek-R1-0528-Qwen3-8B' },
  'deepseek-r1-distill-llama': {
    8: 'deepseek-ai/DeepSeek-R1-Distill-Llama-8B',
    70: 'deepseek-ai/DeepSeek-R1-Distill-Llama-70B',
  },
  'deepseek-r1-distill-qwen': {
    1.5: 'deepseek-ai/DeepSeek-R1-Distill-Qwen-1.5B',
    7: 'deepseek-ai/DeepSeek-R1-Distill-Qwen-7B',
    14: 'deepseek-ai/DeepSeek-R1-Distill-Qwen-14B',
    32: 'deepseek-ai/DeepSeek-R1-Distill-Qwen-32B',
  },
  'deepseek-v2-chat': { 16: 'deepseek-ai/DeepSeek-V2-Lite-Chat', 236: 'deepseek-ai/DeepSeek-V2-Chat' },
  'deepseek-v2-chat-0628': { 236: 'deepseek-ai/DeepSeek-V2-Chat' },
  'deepseek-v2.5': { 236: 'deepseek-ai/DeepSeek-V2.5' },
  'gemma-it': { 2: 'google/gemma-2b-it', 7: 'google/gemma-7b-it' },
  'gemma-2-it': { 2: 'google/gemma-2-2b-it', 9: 'google/gemma-2-9b-it', 27: 'google/gemma-2-27b-it' },
  'gemma-3-1b-it': { 1: 'google/gemma-3-1b-it' },
  'gemma-3-it': { 4: 'google/gemma-3-4b-it', 12: 'google/gemma-3-12b-it', 27: 'google/gemma-3-27b-it' },
  'glm4-chat': { 9: 'zai-org/glm-4-9b-chat-hf' },
  'glm4-chat-1m': { 9: 'zai-org/glm-4-9b-chat-1m-hf' },
  'gpt-oss': { 20: 'openai/gpt-oss-20b', 120: 'openai/gpt-oss-120b' },
  'internlm2-chat': { 7: 'internlm/internlm2-chat-7b', 20: 'internlm/internlm2-chat-20b' },
  'internlm2.5-chat': internlm25,
  'internlm2.5-chat-1m': { 7: 'internlm/internlm2_5-7b-chat-1m' },
  'llama-2': llama2,
  'llama-2-chat': llama2,
  'llama-3': llama3,
  'llama-3-instruct': llama3,
  'llama-3.1': llama31,
  'llama-3.1-instruct': llama31,
  'llama-3.2-vision': {
    11: 'meta-llama/Llama-3.2-11B-Vision-Instruct',
    90: 'meta-llama/Llama-3.2-90B-Vision-Instruct',
  },
  'llama-3.2-vision-instruct': {
    11: 'meta-llama/Llama-3.2-11B-Vision-Instruct',
    90: 'meta-llama/Llama-3.2-90B-Vision-Instruct',
  },
  'llama-3.3-instruct': { 70: 'meta-llama/Llama-3.3-70B-Instruct' },
  'mistral-v0.1': { 7: 'mistralai/Mistral-7B-Instruct-v0.1' },
  'mistral-instruct-v0.1': { 7: 'mistralai/Mistral-7B-Instruct-v0.1' },
  'mistral-instruct-v0.2': { 7: 'mistralai/Mistral-7B-Instruct-v0.2' },
  'mistral-instruct-v0.3': { 7: 'mistralai/Mistral-7B-Instruct-v0.3' },
  'mistral-large-instruct': { 123: 'mistralai/Mistral-Large-Instruct-2407' },
  'mistral-nemo-instruct': { 12: 'mistralai/Mistral-Nemo-Instruct-2407' },
  'mixtral-v0.1': mixtral8x7b,
  'mixtral-instruct-v0.1': mixtral8x7b,
  'mixtral-8x22B-instruct-v0.1': { 141: 'mistralai/Mixtral-8x22B-Instruct-v0.1' },
  'orion-chat': { 14: 'OrionStarAI/Orion-14B-Chat' },
  'orion-chat-rag': { 14: 'OrionStarAI/Orion-14B-Chat' },
  'phi-2': { 2: 'microsoft/phi-2' },
  'phi-3-mini-4k-instruct': { 4: 'microsoft/Phi-3-mini-4k-instruct' },
  'phi-3-mini-128k-instruct': { 4: 'microsoft/Phi-3-mini-128k-instruct' },
  'qwen-chat': {
    1.8: 'Qwen/Qwen-1_8B-Chat',
    7: 'Qwen/Qwen-7B-Chat',
    14: 'Qwen/Qwen-14B-Chat',
    72: 'Qwen/Qwen-72B-Chat',
  },
  'qwen1.5-chat': {
    0.5: 'Qwen/Qwen1.5-0.5B-Chat',
    1.8: 'Qwen/Qwen1.5-1.8B-Chat',
    4: 'Qwen/Qwen1.5-4B-Chat',
    7: 'Qwen/Qwen1.5-7B-Chat',
    14: 'Qwen/Qwen1.5-14B-Chat',
    32: 'Qwen/Qwen1.5-32B-Chat',
    72: 'Qwen/Qwen1.5-72B-Chat',
    110: 'Qwen/Qwen1.5-110B-Chat',
  },
  'qwen1.5-moe-chat': { 2.7: 'Qwen/Qwen1.5-MoE-A2.7B-Chat' },
  'qwen2-instruct': {
    0.5: 'Qwen/Qwen2-0.5B-Instruct',
    1.5: 'Qwen/Qwen2-1.5B-Instruct',
    7: 'Qwen/Qwen2-7B-Instruct',
    72: 'Qwen/Qwen2-72B-Instruct',
  },
  'qwen2-moe-instruct': { 14: 'Qwen/Qwen2-57B-A14B-Instruct' },
  'qwen2.5': qwen25,
  'qwen2.5-instruct': qwen25,
  'qwen2.5-coder': qwen25,
  'qwen2.5-coder-instruct': qwen25,
  'qwen2.5-vl-instruct': {
    3: 'Qwen/Qwen2.5-VL-3B-Instruct',
    7: 'Qwen/Qwen2.5-VL-7B-Instruct',
    32: 'Qwen/Qwen2.5-VL-32B-Instruct',
    72: 'Qwen/Qwen2.5-VL-72B-Instruct',
  },
  qwen3,
  'Qwen3-Coder': { 30: 'Qwen/Qwen3-Coder-30B-A3B-Instruct', 480: 'Qwen/Qwen3-Coder-480B-A35B-Instruct' },
  'Qwen3-Instruct': qwen3_2507,
  'Qwen3-Thinking': qwen3_2507,
  'QwQ-32B': { 32: 'Qwen/QwQ-32B' },
  'QwQ-32B-Preview': { 32: 'Qwen/QwQ-32B-Preview' },
  'tiny-llama': { 1: 'TinyLlama/TinyLlama-1.1B-Chat-v1.0' },
  Yi: yi,
  'Yi-chat': yi,
  'Yi-1.5': yi15,
  'Yi-1.5-chat': yi15,
  'Yi-1.5-chat-16k': { 9: '01-ai/Yi-1.5-9B-Chat-16K', 34: '01-ai/Yi-1.5-34B-Chat-16K' },
  'yi-coder': yiCoder,
  'yi-coder-chat': yiCoder,
};

/**
 * The architecture of a builtin catalog model at one size, from the table above; undefined for a
 * family or size it does not list (custom models, sizes no config describes).
 */
export function catalogArchitecture(modelName: string, sizeInBillions: number): ArchitectureFacts | undefined {
  const repository = FAMILIES[modelName]?.[sizeInBillions];
  if (repository === undefined) return undefined;
  // Made once per repository: a select asks for the same few dozen times.
  let facts = factsOf.get(repository);
  if (facts === undefined) {
    const figures = CONFIGS[repository];
    if (figures === undefined) return undefined;
    facts = { ...figures, source: `config.json of ${repository}` };
    factsOf.set(repository, facts);
  }
  return facts;
}

const factsOf = new Map<string, ArchitectureFacts>();

/** Every (family, size) the table describes, for tests that check it against the catalog. */
export function catalogArchitectureKeys(): readonly (readonly [string, number])[] {
  return Object.entries(FAMILIES).flatMap(([name, sizes]) =>
    Object.keys(sizes).map((size) => [name, Number(size)] as const),
  );
}
