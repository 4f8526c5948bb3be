/**
 * Model families SGLang serves. Matched case-insensitively against a model's family. Extend the list here.
 *
 * These are not from the seed: the seed's SGLang section (test/fixtures/seed/backends.txt) lists no
 * models. They are the family names of Xinference's SGLang module, xinference/model/llm/sglang/core.py
 * (SGLANG_SUPPORTED_MODELS then SGLANG_SUPPORTED_CHAT_MODELS, from when those lists held family names
 * rather than architectures). 24 are in a qwen2.5-era version of that file; the other nine
 * (llama-3.3-instruct, gemma-3-1b-it, QwQ-32B-Preview, QwQ-32B, deepseek-r1-distill-qwen,
 * deepseek-r1-distill-llama, deepseek-v3, deepseek-r1, qwen3) came with later versions. No commit is
 * pinned for either.
 */
export const SGLANG_MODEL_FAMILIES: readonly string[] = [
  'llama-2',
  'llama-3',
  'llama-3.1',
  'mistral-v0.1',
  'mixtral-v0.1',
  'qwen2.5',
  'qwen2.5-coder',
  'llama-2-chat',
  'llama-3-instruct',
  'llama-3.1-instruct',
  'llama-3.3-instruct',
  'qwen-chat',
  'qwen1.5-chat',
  'qwen2-instruct',
  'qwen2-moe-instruct',
  'mistral-instruct-v0.1',
  'mistral-instruct-v0.2',
  'mixtral-instruct-v0.1',
  'gemma-it',
  'gemma-2-it',
  'gemma-3-1b-it',
  'deepseek-v2.5',
  'deepseek-v2-chat',
  'deepseek-v2-chat-0628',
  'qwen2.5-instruct',
  'qwen2.5-coder-instruct',
  'QwQ-32B-Preview',
  'QwQ-32B',
  'deepseek-r1-distill-qwen',
  'deepseek-r1-distill-llama',
  'deepseek-v3',
  'deepseek-r1',
  'qwen3',
];
