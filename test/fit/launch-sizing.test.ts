import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { VLLM_MEMORY_PROFILE } from '@switchyard/backend-vllm';
import { fitSpec, type HostInfo, type ModelSpec, parseHostInfo, parseModelSpec } from '@switchyard/core';
import { describe, expect, it } from 'vitest';

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
