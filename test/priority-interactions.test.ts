import { mkdtempSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import llamacpp from '@switchyard/backend-llamacpp';
import mlx from '@switchyard/backend-mlx';
import sglang from '@switchyard/backend-sglang';
import transformers from '@switchyard/backend-transformers';
import vllm from '@switchyard/backend-vllm';
import { createSwitchyard, type HostInfoInput, type ModelSpecInput, type SwitchyardOptions } from '@switchyard/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeTinyLlama } from './support/tiny-llama.js';

// How the five first-party engines' priorities and rules combine when composed.
const plugins = [vllm, sglang, mlx, llamacpp, transformers];

const version = { version: '1.0.0' };
const pythonStack = { transformers: version, torch: version };
const linuxCuda: HostInfoInput = {
  os: 'linux',
  arch: 'x64',
  gpus: [{ index: 0, vendor: 'nvidia', name: 'A100-SXM4-80GB' }],
  engines: { vllm: version, sglang: version, 'llama-server': version, ...pythonStack },
};
const linuxNoGpu: HostInfoInput = { ...linuxCuda, gpus: [] };
const appleSilicon: HostInfoInput = {
  os: 'darwin',
  arch: 'arm64',
  gpus: [{ index: 0, vendor: 'apple', name: 'Apple M3 Max' }],
  engines: { 'mlx-lm': version, 'node-llama-cpp': version, ...pythonStack },
};
const intelMac: HostInfoInput = { ...appleSilicon, arch: 'x64', gpus: [] };
const withoutVllm: HostInfoInput = { ...linuxCuda, engines: { sglang: version, ...pythonStack } };

// A spec's modelPath must be a real GGUF file: selection reads it first.
const ggufDir = mkdtempSync(join(tmpdir(), 'switchyard-priority-'));
const ggufPath = join(ggufDir, 'llama-3-8b-instruct.Q4_K_M.gguf');
beforeAll(() => writeTinyLlama(ggufPath));
afterAll(() => rm(ggufDir, { recursive: true, force: true }));

const gguf: ModelSpecInput = {
  modelName: 'llama-3-instruct',
  format: 'ggufv2',
  quantization: 'Q4_K_M',
  modelPath: ggufPath,
};
const pytorch = (modelName: string): ModelSpecInput => ({ modelName, format: 'pytorch', quantization: 'none' });

async function select(spec: ModelSpecInput, host: HostInfoInput, options: Omit<SwitchyardOptions, 'host'> = {}) {
  return createSwitchyard({ plugins, host, ...options }).select(spec);
}

describe('which engine wins, with the real plugins composed', () => {
  it.each([
    ['llama-3-instruct on Linux+CUDA: vLLM, listed by all three', pytorch('llama-3-instruct'), linuxCuda, 'vllm'],
    ['mixtral-v0.1, which only SGLang lists', pytorch('mixtral-v0.1'), linuxCuda, 'sglang'],
    ['phi-3, which neither GPU engine lists: transformers', pytorch('phi-3'), linuxCuda, 'transformers'],
    [
      'GPTQ Int3, which only vLLM of the GPU engines takes',
      { modelName: 'qwen2.5-instruct', format: 'gptq', quantization: 'Int3' },
      linuxCuda,
      'vllm',
    ],
    [
      'GPTQ Int3 without vLLM installed: SGLang refuses it, transformers serves',
      { modelName: 'qwen2.5-instruct', format: 'gptq', quantization: 'Int3' },
      withoutVllm,
      'transformers',
    ],
    [
      'GPTQ Int4 of mixtral: SGLang',
      { modelName: 'mixtral-v0.1', format: 'gptq', quantization: 'Int4' },
      linuxCuda,
      'sglang',
    ],
    [
      'AWQ Int8, which neither GPU engine takes',
      { modelName: 'llama-3-instruct', format: 'awq', quantization: 'Int8' },
      linuxCuda,
      'transformers',
    ],
    [
      'a bitsandbytes model',
      { modelName: 'llama-3-instruct', format: 'bnb', quantization: 'Int4' },
      linuxCuda,
      'transformers',
    ],
    ['llama-3-instruct without vLLM installed: SGLang', pytorch('llama-3-instruct'), withoutVllm, 'sglang'],
    [
      'an MLX model on Apple silicon',
      { modelName: 'qwen2.5-instruct', format: 'mlx', quantization: '4bit' },
      appleSilicon,
      'mlx',
    ],
    ['a PyTorch model on a Mac: transformers', pytorch('llama-3-instruct'), appleSilicon, 'transformers'],
    ['a listed model on Linux without a GPU: transformers', pytorch('llama-3-instruct'), linuxNoGpu, 'transformers'],
    ['a GGUF model on Linux+CUDA: llama.cpp, the only GGUF engine', gguf, linuxCuda, 'llamacpp'],
    ['a GGUF model on Linux without a GPU', gguf, linuxNoGpu, 'llamacpp'],
    ['a GGUF model on Apple silicon', gguf, appleSilicon, 'llamacpp'],
    ['a GGUF model on an Intel Mac', gguf, intelMac, 'llamacpp'],
  ] as const)('%s', async (_label, spec, host, expected) => {
    expect((await select(spec, host)).chosen).toBe(expected);
  });

  it('ranks eligible engines by priority and keeps every refusal’s reasons', async () => {
    const selection = await select(pytorch('llama-3-instruct'), linuxCuda);
    expect(selection.candidates.map((c) => [c.backend, c.eligible])).toEqual([
      ['vllm', true],
      ['sglang', true],
      ['transformers', true],
      ['mlx', false],
      ['llamacpp', false],
    ]);
    expect(selection.candidates.find((c) => c.backend === 'mlx')?.reasons).toEqual([
      'MLX runs mlx models; this model is pytorch: use an MLX build of the model (mlx-community publishes many) or convert it with mlx_lm.convert.',
      'MLX needs macOS; this host runs linux.',
      "MLX needs Apple silicon (arm64); this host's CPU is x64.",
      'MLX needs mlx-lm, which is not installed: pip install mlx-lm',
    ]);
  });

  it('explains why the GPU engines lose on a host without one', async () => {
    const selection = await select(pytorch('llama-3-instruct'), linuxNoGpu);
    const reasonsOf = (name: string) => selection.candidates.find((c) => c.backend === name)?.reasons;
    expect(reasonsOf('vllm')).toEqual(['vLLM needs at least one NVIDIA CUDA GPU; this host has no GPU.']);
    expect(reasonsOf('sglang')).toEqual(['SGLang needs at least one NVIDIA CUDA GPU; this host has no GPU.']);
  });

  it('finds no engine for an MLX model on an Intel Mac, and says why', async () => {
    const selection = await select({ modelName: 'qwen2.5-instruct', format: 'mlx', quantization: '4bit' }, intelMac);
    expect(selection.chosen).toBeNull();
    expect(selection.candidates.find((c) => c.backend === 'mlx')?.reasons).toEqual([
      "MLX needs Apple silicon (arm64); this host's CPU is x64.",
    ]);
  });

  it('finds no engine for AWQ Int8 when transformers is not installed either', async () => {
    const host = { ...linuxCuda, engines: { vllm: version, sglang: version } };
    const selection = await select({ modelName: 'llama-3-instruct', format: 'awq', quantization: 'Int8' }, host);
    expect(selection.chosen).toBeNull();
    expect(selection.candidates.every((c) => c.reasons.length > 0)).toBe(true);
  });

  it('finds no engine for a GGML file, and llama.cpp says to convert it to GGUF', async () => {
    const selection = await select({ ...gguf, format: 'ggmlv3', quantization: 'q4_0' }, linuxCuda);
    expect(selection.chosen).toBeNull();
    expect(selection.candidates.find((c) => c.backend === 'llamacpp')?.reasons.join(' ')).toMatch(/GGUF/);
  });

  it('lets a preference override priority among eligible engines, never beyond them', async () => {
    const preferred = await select(pytorch('llama-3-instruct'), linuxCuda, { prefer: ['transformers'] });
    expect(preferred.chosen).toBe('transformers');
    const ineligible = await select(pytorch('phi-3'), linuxCuda, { prefer: ['vllm', 'sglang'] });
    expect(ineligible.chosen).toBe('transformers');
  });

  it('plans the engine it chose', async () => {
    const switchyard = createSwitchyard({ plugins, host: linuxCuda });
    const { selection, plan } = await switchyard.plan(pytorch('mixtral-v0.1'), { gpus: [0] });
    expect(selection.chosen).toBe('sglang');
    expect(plan).toMatchObject({ backend: 'sglang', command: 'python3', port: 30000 });
    expect(plan.env).toEqual({ CUDA_VISIBLE_DEVICES: '0' });
  });
});
