import { mkdir, mkdtemp, rm, unlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { loadCatalog, type ModelFolderError, readModelFolder } from '@switchyard/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  QWEN25_05B_CONFIG,
  qwen2Tensors,
  writeModelFolder,
  writeQwenAwqFolder,
  writeSafetensors,
} from '../support/model-folder-writer.js';
import { writeTinyLlama } from '../support/tiny-llama.js';

// Qwen2.5-0.5B's published parameter count (its model card: 0.49B; 494,032,768 counted from its weights).
const QWEN25_05B_PARAMETERS = 494_032_768;

let root = '';
let counter = 0;
const folder = (name = `model-${counter++}`) => join(root, name);
beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'switchyard-folders-'));
});
afterAll(() => rm(root, { recursive: true, force: true }));

async function refusal(path: string): Promise<ModelFolderError> {
  return readModelFolder(path).then(
    () => expect.unreachable('the folder was accepted'),
    (error: ModelFolderError) => error,
  );
}

describe('a model folder as a model spec', () => {
  it('reads an AWQ folder: format, quantization, architectures, parameters and bytes from the headers', async () => {
    const path = await writeQwenAwqFolder(folder('Qwen2.5-0.5B-Instruct-AWQ'));
    const info = await readModelFolder(path);
    expect(info.spec).toEqual({
      modelName: 'Qwen2.5-0.5B-Instruct-AWQ',
      modelFamily: 'Qwen2.5-0.5B-Instruct-AWQ',
      format: 'awq',
      quantization: 'Int4',
      sizeInBillions: 0.494,
      abilities: ['chat', 'generate'],
      contextLength: 32768,
      modelPath: path,
      architectures: ['Qwen2ForCausalLM'],
    });
    expect(info.parameterCount).toBe(QWEN25_05B_PARAMETERS);
    const tensors = qwen2Tensors(QWEN25_05B_CONFIG, { bits: 4, group_size: 128 });
    const bytes = tensors.reduce((sum, t) => sum + t.shape.reduce((a, b) => a * b, 1) * (t.dtype === 'I32' ? 4 : 2), 0);
    expect(info.weights.bytes).toBe(bytes);
    expect(info.architectureFacts).toMatchObject({
      layers: 24,
      attentionHeads: 14,
      kvHeads: 2,
      headDim: 64,
      hiddenSize: 896,
      vocabSize: 151936,
      maxContext: 32768,
    });
    // Qwen2 states a window it does not use (use_sliding_window: false).
    expect(info.architectureFacts?.slidingWindow).toBeUndefined();
  });

  it('reads sharded full-precision weights through model.safetensors.index.json', async () => {
    const path = await writeModelFolder(folder(), {
      config: QWEN25_05B_CONFIG,
      tensors: qwen2Tensors(QWEN25_05B_CONFIG),
      shards: 3,
    });
    const info = await readModelFolder(path);
    expect(info.spec).toMatchObject({ format: 'pytorch', quantization: 'none', abilities: ['generate'] });
    expect(info.parameterCount).toBe(QWEN25_05B_PARAMETERS);
    expect(info.weights.bytes).toBe(2 * QWEN25_05B_PARAMETERS);
    expect(info.weightFiles).toEqual([
      'model-00001-of-00003.safetensors',
      'model-00002-of-00003.safetensors',
      'model-00003-of-00003.safetensors',
    ]);
  });

  it('reads an mlx-community folder (top-level quantization.bits) as format mlx', async () => {
    // mlx-lm packs 4-bit weights 8 to a uint32 and keeps a scale and a bias per group of 64.
    const path = await writeModelFolder(folder('Qwen2.5-0.5B-Instruct-4bit'), {
      config: { ...QWEN25_05B_CONFIG, quantization: { group_size: 64, bits: 4 } },
      tensors: [
        { name: 'model.layers.0.mlp.down_proj.weight', dtype: 'U32', shape: [896, 4864 / 8] },
        { name: 'model.layers.0.mlp.down_proj.scales', dtype: 'BF16', shape: [896, 4864 / 64] },
        { name: 'model.layers.0.mlp.down_proj.biases', dtype: 'BF16', shape: [896, 4864 / 64] },
      ],
      metadata: { format: 'mlx' },
    });
    const info = await readModelFolder(path);
    expect(info.spec).toMatchObject({ format: 'mlx', quantization: '4bit', architectures: ['Qwen2ForCausalLM'] });
    expect(info.parameterCount).toBe(896 * 4864);
  });

  it('reads unquantized MLX weights by the format their safetensors state', async () => {
    const path = await writeModelFolder(folder(), {
      config: QWEN25_05B_CONFIG,
      tensors: [{ name: 'model.norm.weight', dtype: 'BF16', shape: [896] }],
      metadata: { format: 'mlx' },
    });
    expect((await readModelFolder(path)).spec).toMatchObject({ format: 'mlx', quantization: 'none' });
  });

  it.each([
    ['GPTQ 8-bit', { quant_method: 'gptq', bits: 8, group_size: 128 }, 'gptq', 'Int8'],
    [
      'bitsandbytes 4-bit',
      { quant_method: 'bitsandbytes', load_in_4bit: true, bnb_4bit_quant_type: 'nf4' },
      'bnb',
      'Int4',
    ],
    ['bitsandbytes 8-bit', { quant_method: 'bitsandbytes', load_in_8bit: true }, 'bnb', 'Int8'],
    ['FP8', { quant_method: 'fp8', activation_scheme: 'dynamic' }, 'fp8', 'fp8'],
    [
      'compressed-tensors W4A16',
      { quant_method: 'compressed-tensors', config_groups: { group_0: { weights: { num_bits: 4, type: 'int' } } } },
      'gptq',
      'Int4',
    ],
    [
      'compressed-tensors FP8',
      { quant_method: 'compressed-tensors', config_groups: { group_0: { weights: { num_bits: 8, type: 'float' } } } },
      'fp8',
      'fp8',
    ],
    ['an unnamed method', { quant_method: 'mxfp4' }, 'pytorch', 'mxfp4'],
  ])('reads %s from quantization_config', async (_label, quantization_config, format, quantization) => {
    const path = await writeModelFolder(folder(), {
      config: { ...QWEN25_05B_CONFIG, quantization_config },
      tensors: [{ name: 'model.norm.weight', dtype: 'F16', shape: [896] }],
    });
    expect((await readModelFolder(path)).spec).toMatchObject({ format, quantization });
  });

  it.each([
    ['GPT-2', { architectures: ['GPT2LMHeadModel'], n_positions: 1024, n_layer: 12, n_head: 12, n_embd: 768 }, 1024],
    [
      'ChatGLM',
      {
        architectures: ['ChatGLMModel'],
        seq_length: 32768,
        num_layers: 28,
        num_attention_heads: 32,
        hidden_size: 4096,
        multi_query_group_num: 2,
      },
      32768,
    ],
    [
      'a multimodal model',
      {
        architectures: ['Gemma3ForConditionalGeneration'],
        text_config: {
          max_position_embeddings: 131072,
          num_hidden_layers: 34,
          num_attention_heads: 8,
          hidden_size: 2560,
        },
      },
      131072,
    ],
  ])('finds the context length and figures of %s', async (_label, config, contextLength) => {
    const path = await writeModelFolder(folder(), {
      config,
      tensors: [{ name: 'norm.weight', dtype: 'F32', shape: [4] }],
    });
    const info = await readModelFolder(path);
    expect(info.spec.contextLength).toBe(contextLength);
    expect(info.architectureFacts?.maxContext).toBe(contextLength);
  });

  it('counts sliding-window layers as the config states them', async () => {
    const facts = async (extra: Record<string, unknown>) => {
      const config = { ...QWEN25_05B_CONFIG, use_sliding_window: undefined, ...extra };
      const path = await writeModelFolder(folder(), {
        config,
        tensors: [{ name: 'norm.weight', dtype: 'F32', shape: [4] }],
      });
      return (await readModelFolder(path)).architectureFacts?.slidingWindow;
    };
    expect(await facts({ sliding_window: 4096 })).toEqual({ tokens: 4096, layers: 24 });
    expect(await facts({ sliding_window: 4096, model_type: 'gemma2' })).toEqual({ tokens: 4096, layers: 12 });
    expect(await facts({ sliding_window: 512, sliding_window_pattern: 6 })).toEqual({ tokens: 512, layers: 20 });
    expect(
      await facts({ sliding_window: 128, layer_types: ['sliding_attention', 'full_attention', 'sliding_attention'] }),
    ).toEqual({
      tokens: 128,
      layers: 2,
    });
  });

  it('reads a folder holding only a GGUF model as that GGUF', async () => {
    const dir = folder();
    await mkdir(dir);
    await writeTinyLlama(join(dir, 'tiny.gguf'));
    await writeFile(join(dir, 'README.md'), 'a model card');
    const info = await readModelFolder(dir);
    expect(info.spec).toMatchObject({ modelName: basename(dir), format: 'ggufv2', modelPath: join(dir, 'tiny.gguf') });
    expect(info.gguf?.architecture).toBe('llama');
    expect(info.weightFiles).toEqual(['tiny.gguf']);
    expect(info.architectureFacts?.layers).toBeGreaterThan(0);
  });
});

describe('a folder that is not a whole model is refused, naming the file', () => {
  it('refuses a folder without config.json', async () => {
    const dir = folder();
    await mkdir(dir);
    const error = await refusal(dir);
    expect(error.code).toBe('MODEL_FOLDER_BAD_CONFIG');
    expect(error.message).toContain(join(dir, 'config.json'));
  });

  it('refuses broken JSON in config.json', async () => {
    const dir = await writeModelFolder(folder(), { config: {}, tensors: [] });
    await writeFile(join(dir, 'config.json'), '{"architectures": [');
    expect((await refusal(dir)).message).toMatch(/config\.json: it is not valid JSON/);
  });

  it('refuses architectures that are not a list of names', async () => {
    const dir = await writeModelFolder(folder(), { config: { architectures: 'LlamaForCausalLM' }, tensors: [] });
    expect((await refusal(dir)).message).toContain('"architectures" must be a list of class names');
  });

  it('refuses a shard the index lists but the folder lacks', async () => {
    const dir = await writeQwenAwqFolder(folder(), {}, 2);
    await unlink(join(dir, 'model-00002-of-00002.safetensors'));
    const error = await refusal(dir);
    expect(error.code).toBe('SAFETENSORS_SHARD_MISSING');
    expect(error.message).toContain('model-00002-of-00002.safetensors');
  });

  it.each([
    ['cut short', -1, /is \d+ bytes but its header describes \d+; the download may be incomplete/],
    ['longer than its header says', 3, /is \d+ bytes, 3 more than its header describes/],
  ])('refuses a weight file %s', async (_label, sizeDelta, message) => {
    const dir = await writeModelFolder(folder(), { config: QWEN25_05B_CONFIG, tensors: [] });
    await writeSafetensors(join(dir, 'model.safetensors'), [{ name: 'a', dtype: 'F16', shape: [8, 8] }], undefined, {
      sizeDelta,
    });
    const error = await refusal(dir);
    expect(error.code).toBe('SAFETENSORS_CORRUPT');
    expect(error.message).toContain(join(dir, 'model.safetensors'));
    expect(error.message).toMatch(message);
  });

  it('refuses a header whose length runs past the file', async () => {
    const dir = await writeModelFolder(folder(), { config: QWEN25_05B_CONFIG, tensors: [] });
    const bytes = Buffer.alloc(16);
    bytes.writeBigUInt64LE(1000n);
    await writeFile(join(dir, 'model.safetensors'), bytes);
    expect((await refusal(dir)).message).toContain('the file ends at byte 16, inside its 1000-byte header');
  });

  it('refuses a config with no weights beside it', async () => {
    const dir = folder();
    await mkdir(dir);
    await writeFile(join(dir, 'config.json'), JSON.stringify(QWEN25_05B_CONFIG));
    expect((await refusal(dir)).code).toBe('MODEL_FOLDER_NO_WEIGHTS');
  });

  it('refuses a path that is not a folder', async () => {
    expect((await refusal(join(root, 'nowhere'))).code).toBe('MODEL_FOLDER_NOT_FOUND');
  });
});

describe('a custom model registered by its folder', () => {
  it('reads the spec, architectures and context length from modelPath, relative to the models file', async () => {
    await writeQwenAwqFolder(folder('my-awq'));
    const catalog = await loadCatalog();
    const [model] = await catalog.registerFolders(
      [{ modelName: 'my-finetune', modelPath: './my-awq' }],
      'models.json',
      root,
    );
    expect(model).toMatchObject({
      modelName: 'my-finetune',
      architectures: ['Qwen2ForCausalLM'],
      contextLength: 32768,
    });
    expect(catalog.entries(catalog.require('my-finetune'))[0]?.modelSpec).toMatchObject({
      format: 'awq',
      quantization: 'Int4',
      sizeInBillions: 0.494,
      modelPath: join(root, 'my-awq'),
    });
  });

  it('names the model file and the folder at fault', async () => {
    const catalog = await loadCatalog();
    await expect(
      catalog.registerFolders({ modelName: 'gone', modelPath: './gone' }, 'models.json', root),
    ).rejects.toThrow(/models\.json[\s\S]*modelPath: No such model folder/);
  });
});
