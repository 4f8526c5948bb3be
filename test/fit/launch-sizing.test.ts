import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { VLLM_MEMORY_PROFILE } from '@switchyard/backend-vllm';
import {
  createSwitchyard,
  fitSpec,
  type HostInfo,
  type ModelSpec,
  parseHostInfo,
  parseModelSpec,
} from '@switchyard/core';
import { describe, expect, it } from 'vitest';
import { BUILTIN_PLUGINS } from '../../packages/cli/src/builtin-plugins.js';

const fixture = (name: string): HostInfo =>
  parseHostInfo(JSON.parse(readFileSync(fileURLToPath(new URL(`../fixtures/hosts/${name}`, import.meta.url)), 'utf8')));

const gpus = (...freeGiB: number[]): HostInfo =>
  parseHostInfo({
    os: 'linux',
    arch: 'x64',
    gpus: freeGiB.map((free, index) => ({
      index,
      vendor: 'nvidia',
      name: 'NVIDIA L40S',
      memoryMiB: 46068,
      memoryFreeMiB: Math.round(free * 1024),
    })),
  });

const llama8b = parseModelSpec({
  modelName: 'llama-3.1-instruct',
  format: 'pytorch',
  quantization: 'none',
  sizeInBillions: 8,
  contextLength: 131072,
});
const qwen32b = parseModelSpec({
  modelName: 'qwen2.5-instruct',
  format: 'pytorch',
  quantization: 'none',
  sizeInBillions: 32,
  contextLength: 32768,
});

const vllm = (spec: ModelSpec, host: HostInfo) => {
  const plan = fitSpec({ spec, host, profile: VLLM_MEMORY_PROFILE });
  if (!plan) throw new Error('no plan');
  return plan;
};

describe('vLLM launches sized to the GPU', () => {
  it('gives Llama-3.1-8B on one 24 GB GPU the context that fits beside its 16 GB of weights, not 131,072', () => {
    const plan = vllm(llama8b, fixture('linux-1x24gb-nvidia.json'));
    expect(plan.fits).toBe(true);
    expect(plan.contextSource).toBe('largest that fits');
    // 0.9 × 24 GiB − 14.9 GiB of weights − ~1.8 GiB of overhead leaves ~4.9 GiB: 128 KiB a token.
    expect(plan.contextLength).toBeGreaterThanOrEqual(30_000);
    expect(plan.contextLength).toBeLessThanOrEqual(45_000);
    expect(plan.contextLength % 256).toBe(0);
    expect(plan.gpus).toEqual([0]);
  });

  it('gives it its full 131,072 tokens on an 80 GB GPU', () => {
    const plan = vllm(llama8b, fixture('linux-8x80gb-nvidia.json'));
    expect(plan).toMatchObject({
      fits: true,
      contextLength: 131072,
      contextSource: 'model maximum',
      tensorParallel: 1,
    });
    expect(plan.gpus).toHaveLength(1);
  });

  it('runs an 8B model on one of three 24 GB GPUs: the one with most free memory', () => {
    const host = parseHostInfo({
      ...fixture('linux-1x24gb-nvidia.json'),
      gpus: [20, 23, 18].map((free, index) => ({
        index,
        vendor: 'nvidia',
        name: 'NVIDIA GeForce RTX 4090',
        memoryMiB: 24564,
        memoryFreeMiB: free * 1024,
      })),
    });
    expect(vllm(llama8b, host)).toMatchObject({ fits: true, gpus: [1], tensorParallel: 1 });
  });

  it('splits Qwen2.5-32B unquantized (40 heads) over 2 of 3 48 GB GPUs, not 3', () => {
    const plan = vllm(qwen32b, gpus(44, 44, 44));
    expect(plan).toMatchObject({ fits: true, tensorParallel: 2, gpus: [0, 1], contextLength: 32768 });
  });

  it('never plans Qwen2.5-32B GPTQ-Int4 with its full 32,768 tokens on 24 GB', () => {
    const spec = parseModelSpec({ ...qwen32b, format: 'gptq', quantization: 'Int4' });
    const plan = vllm(spec, fixture('linux-1x24gb-nvidia.json'));
    expect(plan.contextLength === 32768 && plan.fits).toBe(false);
  });
});

describe('plans started as the memory plan sizes them', () => {
  const library = (host: HostInfo) => createSwitchyard({ plugins: BUILTIN_PLUGINS, host });
  const threeGpus = (freeGiB: readonly number[], memoryMiB: number) =>
    parseHostInfo({
      ...fixture('linux-1x24gb-nvidia.json'),
      gpus: freeGiB.map((free, index) => ({
        index,
        vendor: 'nvidia',
        name: 'NVIDIA GPU',
        memoryMiB,
        memoryFreeMiB: free * 1024,
        computeCapability: '8.9',
      })),
    });
  const llama = { format: 'pytorch', size: 8 } as const;

  it('gives vLLM a --max-model-len that fits on 24 GB, the full 131,072 on 80 GB, and carries the plan', async () => {
    const small = await library(fixture('linux-1x24gb-nvidia.json')).plan('llama-3.1-instruct', llama);
    const maxModelLen = Number(small.plan?.args[small.plan.args.indexOf('--max-model-len') + 1]);
    expect(maxModelLen).toBe(small.selection.fit.plan?.contextLength);
    expect(maxModelLen).toBeGreaterThanOrEqual(30_000);
    expect(maxModelLen).toBeLessThanOrEqual(45_000);
    const large = await library(fixture('linux-8x80gb-nvidia.json')).plan('llama-3.1-instruct', llama);
    expect(large.plan?.args).toContain('131072');
  });

  it('runs an 8B model on the one GPU of three with most free memory, named in CUDA_VISIBLE_DEVICES', async () => {
    const { plan } = await library(threeGpus([20, 23, 18], 24564)).plan('llama-3.1-instruct', llama);
    expect(plan?.env.CUDA_VISIBLE_DEVICES).toBe('1');
    expect(plan?.args).not.toContain('--tensor-parallel-size');
  });

  it('asks vLLM for no more of a partly used GPU than is free, and leaves a free GPU to its default', async () => {
    const { plan, selection } = await library(threeGpus([16], 24564)).plan('llama-3.1-instruct', {
      format: 'gptq',
      size: 8,
    });
    const fraction = Number(plan?.args[plan.args.indexOf('--gpu-memory-utilization') + 1]);
    // vLLM takes this share of the GPU's total memory and refuses to start when that is more than is free.
    expect(fraction * 24564).toBeLessThanOrEqual(16 * 1024);
    expect(fraction).toBe(
      Math.floor(((selection.fit.plan?.devices[0]?.usableBytes ?? 0) / (24564 * 2 ** 20)) * 100) / 100,
    );
    const free = await library(fixture('linux-1x24gb-nvidia.json')).plan('llama-3.1-instruct', llama);
    expect(free.plan?.args).not.toContain('--gpu-memory-utilization');
  });

  it('starts llama-server with only the layers the plan puts on the GPU when the model does not fit whole', async () => {
    const host = parseHostInfo({
      ...fixture('linux-1x24gb-nvidia.json'),
      engines: { 'llama-server': { version: 'b6900' } },
    });
    const { plan, selection } = await library(host).plan('qwen2.5-instruct', {
      format: 'ggufv2',
      size: 72,
      quantization: 'Q4_K_M',
    });
    const layers = selection.fit.plan?.gpuLayers;
    expect(layers?.onGpu).toBeGreaterThan(0);
    expect(layers?.onGpu).toBeLessThan(layers?.total ?? 0);
    expect(plan?.args.join(' ')).toContain(`--n-gpu-layers ${layers?.onGpu}`);
  });

  it('splits Qwen2.5-32B over 2 of 3 48 GB GPUs, and refuses 3 for its 40 heads', async () => {
    const host = threeGpus([44, 44, 44], 46068);
    const qwen = { format: 'pytorch', size: 32 } as const;
    const { plan } = await library(host).plan('qwen2.5-instruct', qwen);
    expect(plan?.env.CUDA_VISIBLE_DEVICES).toBe('0,1');
    expect(plan?.args.join(' ')).toContain('--tensor-parallel-size 2');
    await expect(library(host).plan('qwen2.5-instruct', { ...qwen, tensorParallel: 3 })).rejects.toThrow(
      /tensorParallel: 3 GPUs cannot split this model: 40 attention heads do not divide by 3; use one of 1, 2/,
    );
  });

  it('never picks Qwen2.5-32B with its full 32,768 tokens on 24 GB, and refuses a pinned context with the numbers', async () => {
    const switchyard = library(fixture('linux-1x24gb-nvidia.json'));
    const { fit, spec } = await switchyard.select('qwen2.5-instruct');
    expect(spec.sizeInBillions === 32 && fit.plan?.contextLength === 32768).toBe(false);
    const pinned = await switchyard.select('qwen2.5-instruct', { size: 32, format: 'gptq', contextLength: 32768 });
    expect(pinned.chosen).toBeNull();
    expect(pinned.reason).toMatch(
      /needs [\d.]+ GiB on GPU 0 \(.* of KV cache for 32,768 tokens .*\) but has 21\.6 GiB usable/,
    );
  });

  it('puts quantizations below 4 bits after every 4-bit spec that fits: 14B, not 32B at Q2_K or Q3_K', async () => {
    // 20 GiB free: 32B at Q4_K_M (18 GiB of weights) leaves no room for 8,192 tokens; at Q3_K or Q2_K it would fit.
    const laptop = parseHostInfo({
      ...fixture('linux-1x24gb-nvidia.json'),
      gpus: [{ index: 0, vendor: 'nvidia', name: 'RTX 4090', memoryMiB: 24564, memoryFreeMiB: 20 * 1024 }],
      engines: { 'llama-server': { version: 'b6900' } },
    });
    const { spec, chosen } = await library(laptop).select('qwen2.5-instruct', { format: 'ggufv2' });
    expect(chosen).toBe('llamacpp');
    expect(spec.sizeInBillions).toBe(14);
    expect(spec.quantization).not.toMatch(/^(I?Q[123]_|TQ)/);
    const asked = await library(laptop).select('qwen2.5-instruct', { format: 'ggufv2', quantization: 'Q2_K' });
    expect(asked.spec).toMatchObject({ sizeInBillions: 32, quantization: 'Q2_K' });
  });
});
