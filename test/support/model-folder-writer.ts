import { mkdir, open, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

/**
 * Writes model folders as Hugging Face and mlx-lm save them, with header-only safetensors: each
 * file has its real header and its data as a hole (a sparse file), so a 7B model's folder takes a
 * few kilobytes of disk and tests read it as Switchyard would a download.
 */

export interface TensorDescription {
  readonly name: string;
  readonly dtype: string;
  readonly shape: readonly number[];
}

const DTYPE_BITS: Record<string, number> = {
  F32: 32,
  F16: 16,
  BF16: 16,
  I32: 32,
  U32: 32,
  U8: 8,
  I8: 8,
  F8_E4M3: 8,
  I64: 64,
};

/** One safetensors file: the 8-byte header length, the JSON header, then (sparse) data. */
export async function writeSafetensors(
  path: string,
  tensors: readonly TensorDescription[],
  metadata?: Record<string, string>,
  options: { sizeDelta?: number } = {},
): Promise<void> {
  const header: Record<string, unknown> = metadata ? { __metadata__: metadata } : {};
  let offset = 0;
  for (const tensor of tensors) {
    const bytes = Math.ceil(
      (tensor.shape.reduce((product, d) => product * d, 1) * (DTYPE_BITS[tensor.dtype] ?? 16)) / 8,
    );
    header[tensor.name] = { dtype: tensor.dtype, shape: tensor.shape, data_offsets: [offset, offset + bytes] };
    offset += bytes;
  }
  const json = Buffer.from(JSON.stringify(header));
  const length = Buffer.alloc(8);
  length.writeBigUInt64LE(BigInt(json.length));
  const file = await open(path, 'w');
  try {
    await file.write(Buffer.concat([length, json]));
    await file.truncate(8 + json.length + offset + (options.sizeDelta ?? 0));
  } finally {
    await file.close();
  }
}

export interface ModelFolderContents {
  readonly config: Record<string, unknown>;
  readonly tensors: readonly TensorDescription[];
  /** Split the tensors over this many shards listed by model.safetensors.index.json. */
  readonly shards?: number;
  readonly metadata?: Record<string, string>;
  /** Other files, by name. */
  readonly files?: Record<string, string>;
}

/** Writes the folder and returns its path. */
export async function writeModelFolder(dir: string, contents: ModelFolderContents): Promise<string> {
  await mkdir(dir, { recursive: true });
  await writeFile(join(dir, 'config.json'), JSON.stringify(contents.config, null, 2));
  for (const [name, text] of Object.entries(contents.files ?? {})) await writeFile(join(dir, name), text);
  const shards = contents.shards ?? 1;
  if (shards === 1) {
    await writeSafetensors(join(dir, 'model.safetensors'), contents.tensors, contents.metadata);
    return dir;
  }
  const perShard = Math.ceil(contents.tensors.length / shards);
  const weightMap: Record<string, string> = {};
  for (let shard = 0; shard < shards; shard++) {
    const name = `model-${String(shard + 1).padStart(5, '0')}-of-${String(shards).padStart(5, '0')}.safetensors`;
    const part = contents.tensors.slice(shard * perShard, (shard + 1) * perShard);
    for (const tensor of part) weightMap[tensor.name] = name;
    await writeSafetensors(join(dir, name), part, contents.metadata);
  }
  await writeFile(join(dir, 'model.safetensors.index.json'), JSON.stringify({ metadata: {}, weight_map: weightMap }));
  return dir;
}

/** Qwen2.5-0.5B-Instruct's config.json as published (Qwen/Qwen2.5-0.5B-Instruct), less its tokenizer ids. */
export const QWEN25_05B_CONFIG = {
  architectures: ['Qwen2ForCausalLM'],
  hidden_act: 'silu',
  hidden_size: 896,
  intermediate_size: 4864,
  max_position_embeddings: 32768,
  max_window_layers: 21,
  model_type: 'qwen2',
  num_attention_heads: 14,
  num_hidden_layers: 24,
  num_key_value_heads: 2,
  rms_norm_eps: 1e-6,
  rope_theta: 1000000.0,
  sliding_window: 32768,
  tie_word_embeddings: true,
  torch_dtype: 'bfloat16',
  use_sliding_window: false,
  vocab_size: 151936,
} as const;

/** The quantization_config of Qwen/Qwen2.5-0.5B-Instruct-AWQ, as published. */
export const QWEN25_AWQ_QUANTIZATION = {
  bits: 4,
  group_size: 128,
  modules_to_not_convert: null,
  quant_method: 'awq',
  version: 'gemm',
  zero_point: true,
} as const;

/**
 * The tensors of a Qwen2 model of `config`'s figures (tied embeddings, as the 0.5B): full-precision
 * in `dtype`, or AWQ-packed (`qweight`, `qzeros` int32 holding 8 nibbles, `scales` per group).
 */
export function qwen2Tensors(
  config: {
    hidden_size: number;
    intermediate_size: number;
    num_attention_heads: number;
    num_key_value_heads: number;
    num_hidden_layers: number;
    vocab_size: number;
  },
  quantization?: { bits: number; group_size: number },
  dtype = quantization ? 'F16' : 'BF16',
): TensorDescription[] {
  const hidden = config.hidden_size;
  const kv = (hidden / config.num_attention_heads) * config.num_key_value_heads;
  const linear = (name: string, inputs: number, outputs: number): TensorDescription[] => {
    if (!quantization) return [{ name: `${name}.weight`, dtype, shape: [outputs, inputs] }];
    const pack = 32 / quantization.bits;
    const groups = inputs / quantization.group_size;
    return [
      { name: `${name}.qweight`, dtype: 'I32', shape: [inputs, outputs / pack] },
      { name: `${name}.qzeros`, dtype: 'I32', shape: [groups, outputs / pack] },
      { name: `${name}.scales`, dtype: 'F16', shape: [groups, outputs] },
    ];
  };
  const tensors: TensorDescription[] = [
    { name: 'model.embed_tokens.weight', dtype, shape: [config.vocab_size, hidden] },
  ];
  for (let layer = 0; layer < config.num_hidden_layers; layer++) {
    const p = `model.layers.${layer}`;
    tensors.push(
      ...linear(`${p}.self_attn.q_proj`, hidden, hidden),
      { name: `${p}.self_attn.q_proj.bias`, dtype, shape: [hidden] },
      ...linear(`${p}.self_attn.k_proj`, hidden, kv),
      { name: `${p}.self_attn.k_proj.bias`, dtype, shape: [kv] },
      ...linear(`${p}.self_attn.v_proj`, hidden, kv),
      { name: `${p}.self_attn.v_proj.bias`, dtype, shape: [kv] },
      ...linear(`${p}.self_attn.o_proj`, hidden, hidden),
      ...linear(`${p}.mlp.gate_proj`, hidden, config.intermediate_size),
      ...linear(`${p}.mlp.up_proj`, hidden, config.intermediate_size),
      ...linear(`${p}.mlp.down_proj`, config.intermediate_size, hidden),
      { name: `${p}.input_layernorm.weight`, dtype, shape: [hidden] },
      { name: `${p}.post_attention_layernorm.weight`, dtype, shape: [hidden] },
    );
  }
  tensors.push({ name: 'model.norm.weight', dtype, shape: [hidden] });
  return tensors;
}

/** A Qwen2.5-0.5B-Instruct-AWQ folder: the published config and quantization, AWQ-packed header-only weights. */
export function writeQwenAwqFolder(dir: string, overrides: Record<string, unknown> = {}, shards = 1): Promise<string> {
  const config = {
    ...QWEN25_05B_CONFIG,
    torch_dtype: 'float16',
    quantization_config: QWEN25_AWQ_QUANTIZATION,
    ...overrides,
  };
  return writeModelFolder(dir, {
    config,
    tensors: qwen2Tensors(QWEN25_05B_CONFIG, QWEN25_AWQ_QUANTIZATION),
    shards,
    files: { 'tokenizer_config.json': JSON.stringify({ chat_template: '{{ messages }}' }) },
  });
}
