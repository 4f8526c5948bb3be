import { describe, expect, it } from 'vitest';
import { planMemory } from '../../src/fit/plan-memory.js';
import {
  type ArchitectureFacts,
  type EngineMemoryProfile,
  type HostInfo,
  kvBytesPerToken,
  parseHostInfo,
} from '../../src/index.js';

const GIB = 2 ** 30;
const MIB = 2 ** 20;

/** 32 layers, 40 heads, 8 KV heads of 128: 128 KiB a token. */
const facts: ArchitectureFacts = {
  layers: 32,
  attentionHeads: 40,
  kvHeads: 8,
  headDim: 128,
  hiddenSize: 5120,
  maxContext: 131072,
  source: 'a test model',
};
const PER_TOKEN = kvBytesPerToken(facts);
const weights = (gib: number) => ({
  bytes: gib * GIB,
  layerBytes: gib * GIB * 0.9,
  source: `${gib} GiB of test weights`,
});

/** Overhead of 1 GiB per GPU, all of free memory usable: the arithmetic stays visible. */
const tensorParallel: EngineMemoryProfile = {
  utilization: 1,
  placement: 'tensor-parallel',
  overhead: () => [{ name: 'test overhead', bytes: GIB, source: 'the test' }],
};
const layers: EngineMemoryProfile = { ...tensorParallel, placement: 'layers', offloadsToRam: true };

const gpuHost = (...free: number[]): HostInfo =>
  parseHostInfo({
    os: 'linux',
    arch: 'x64',
    memoryBytes: 64 * GIB,
    gpus: free.map((gib, index) => ({
      index,
      vendor: 'nvidia',
      name: 'test GPU',
      memoryMiB: 48 * 1024,
      memoryFreeMiB: gib * 1024,
    })),
  });

describe('planMemory: the context', () => {
  it("takes the model's maximum when it fits", () => {
    // 10 GiB of weights + 16 GiB of cache for 131,072 tokens + 1 GiB = 27 GiB, on a GPU with 30 GiB free.
    const plan = planMemory({ facts, weights: weights(10), profile: tensorParallel, host: gpuHost(30) });
    expect(plan).toMatchObject({ fits: true, contextLength: 131072, contextSource: 'model maximum', gpus: [0] });
    expect(plan.kvCacheBytes).toBe(16 * GIB);
    expect(plan.totalBytes).toBe(27 * GIB);
    expect(plan.devices).toEqual([{ gpu: 0, freeBytes: 30 * GIB, usableBytes: 30 * GIB, neededBytes: 27 * GIB }]);
  });

  it('else the largest multiple of 256 tokens that fits', () => {
    const plan = planMemory({ facts, weights: weights(10), profile: tensorParallel, host: gpuHost(15) });
    // 4 GiB left for the cache: 32,768 tokens of 128 KiB.
    expect(plan).toMatchObject({ fits: true, contextLength: 32768, contextSource: 'largest that fits' });
    const uneven = planMemory({ facts, weights: weights(10), profile: tensorParallel, host: gpuHost(15.1) });
    expect(uneven.contextLength % 256).toBe(0);
    expect(uneven.contextLength * PER_TOKEN).toBeLessThanOrEqual(4.1 * GIB);
    expect((uneven.contextLength + 256) * PER_TOKEN).toBeGreaterThan(4.1 * GIB);
  });

  it('does not fit below the floor, and says which numbers did not fit', () => {
    const plan = planMemory({ facts, weights: weights(10), profile: tensorParallel, host: gpuHost(11.5) });
    expect(plan.fits).toBe(false);
    expect(plan.contextLength).toBe(8192);
    expect(plan.shortfall).toBe(
      'needs 12.0 GiB on GPU 0 (10.0 GiB of weights + 1.0 GiB of KV cache for 8,192 tokens + 1.0 GiB of engine overhead) but has 11.5 GiB usable (100% of 11.5 GiB free)',
    );
  });

  it('takes a configurable floor, or the model maximum when that is smaller', () => {
    const lowFloor = planMemory({
      facts,
      weights: weights(10),
      profile: tensorParallel,
      host: gpuHost(11.5),
      options: { contextFloor: 2048 },
    });
    expect(lowFloor).toMatchObject({ fits: true, contextLength: 4096 });
    const small = planMemory({
      facts: { ...facts, maxContext: 4096 },
      weights: weights(10),
      profile: tensorParallel,
      host: gpuHost(11.6),
    });
    expect(small).toMatchObject({ fits: true, contextLength: 4096, contextSource: 'model maximum' });
  });

  it('keeps a pinned context, refusing it with the numbers when it does not fit', () => {
    const pinned = planMemory({
      facts,
      weights: weights(10),
      profile: tensorParallel,
      host: gpuHost(15),
      options: { contextLength: 65536 },
    });
    expect(pinned).toMatchObject({ fits: false, contextLength: 65536, contextSource: 'asked for' });
    expect(pinned.shortfall).toContain('8.0 GiB of KV cache for 65,536 tokens');
  });

  it("refuses a pinned context beyond the model's maximum whatever the memory", () => {
    expect(() =>
      planMemory({
        facts,
        weights: weights(1),
        profile: tensorParallel,
        host: gpuHost(40),
        options: { contextLength: 200_000 },
      }),
    ).toThrow(/contextLength: 200,000 tokens is more than the model's maximum of 131,072 \(a test model\)/);
  });

  it('sizes the cache in the element type asked for', () => {
    const plan = planMemory({
      facts,
      weights: weights(10),
      profile: tensorParallel,
      host: gpuHost(15),
      options: { kvCacheType: 'fp8' },
    });
    expect(plan).toMatchObject({ contextLength: 65536, kvCacheType: 'fp8' });
  });
});

describe('planMemory: the GPUs under tensor parallel', () => {
  it('runs on one GPU, the one with most free memory, when the model fits there', () => {
    const plan = planMemory({ facts, weights: weights(10), profile: tensorParallel, host: gpuHost(20, 30, 25) });
    expect(plan).toMatchObject({ fits: true, gpus: [1], tensorParallel: 1 });
  });

  it('takes the smallest GPU count that divides the attention heads and fits: 2, never 3 for 40 heads', () => {
    const plan = planMemory({ facts, weights: weights(60), profile: tensorParallel, host: gpuHost(40, 40, 40) });
    // 30 GiB of weights + 1 GiB of overhead on each, 9 GiB of cache each: 131,072 tokens split over 2.
    expect(plan).toMatchObject({ fits: true, gpus: [0, 1], tensorParallel: 2, contextLength: 131072 });
    expect(plan.devices.map((d) => d.neededBytes)).toEqual([39 * GIB, 39 * GIB]);
    expect(plan.totalBytes).toBe(60 * GIB + 16 * GIB + 2 * GIB);
  });

  it('refuses pinned GPUs or tensor parallel that do not divide the heads, naming the sizes that do', () => {
    const run = (options: object) => () =>
      planMemory({ facts, weights: weights(60), profile: tensorParallel, host: gpuHost(40, 40, 40), options });
    expect(run({ tensorParallel: 3 })).toThrow(
      /tensorParallel: 3 GPUs cannot split this model: 40 attention heads do not divide by 3; use one of 1, 2/,
    );
    expect(run({ gpus: [0, 1, 2] })).toThrow(/gpus: 3 GPUs cannot split this model/);
    expect(run({ tensorParallel: 4 })).toThrow(/tensorParallel: 4 needs 4 GPUs but this host has 3/);
    expect(run({ gpus: [0, 5] })).toThrow(/gpus\.1: this host has no GPU 5; its GPUs are 0, 1, 2/);
  });

  it('keeps pinned GPUs in the order given', () => {
    const plan = planMemory({
      facts,
      weights: weights(60),
      profile: tensorParallel,
      host: gpuHost(40, 40, 40),
      options: { gpus: [2, 0] },
    });
    expect(plan).toMatchObject({ fits: true, gpus: [2, 0], tensorParallel: 2 });
  });

  it('replicates KV heads when there are fewer than GPUs', () => {
    const fewKv = { ...facts, kvHeads: 2, attentionHeads: 8 };
    const plan = planMemory({
      facts: fewKv,
      weights: weights(60),
      profile: tensorParallel,
      host: gpuHost(40, 40, 40, 40),
      options: { tensorParallel: 4, contextLength: 8192 },
    });
    // Each GPU holds one of the 2 KV heads: half the cache, not a quarter.
    expect(plan.devices[0]?.neededBytes).toBe(15 * GIB + kvBytesPerToken(fewKv) * 8192 * 0.5 + GIB);
  });

  it('uses free memory, not total: memory other processes hold is not counted', () => {
    const busy = planMemory({ facts, weights: weights(10), profile: tensorParallel, host: gpuHost(12) });
    expect(busy.devices[0]?.freeBytes).toBe(12 * GIB);
    expect(busy.fits).toBe(true);
    expect(busy.contextLength).toBe(8192);
  });
});

describe('planMemory: layers (llama.cpp)', () => {
  it('spreads whole layers over more GPUs before leaving any in RAM', () => {
    const plan = planMemory({ facts, weights: weights(30), profile: layers, host: gpuHost(20, 20) });
    expect(plan).toMatchObject({ fits: true, gpus: [0, 1], tensorParallel: 1 });
    expect(plan.gpuLayers).toBeUndefined();
  });

  it('offloads as many layers as fit when even the floor context does not fit, and says how many', () => {
    const plan = planMemory({ facts, weights: weights(30), profile: layers, host: gpuHost(16) });
    // Per layer: 27 GiB / 32 of weights + 1 GiB / 32 of cache (8,192 tokens) = 0.875 GiB; 15 GiB after overhead: 17 layers.
    expect(plan).toMatchObject({ fits: true, contextLength: 8192, gpus: [0], gpuLayers: { onGpu: 17, total: 32 } });
    expect(plan.devices.at(-1)).toMatchObject({ neededBytes: 31 * GIB - 17 * 0.875 * GIB });
  });

  it('refuses when RAM cannot hold the layers the GPUs cannot', () => {
    const host = { ...gpuHost(16), memoryBytes: 16 * GIB };
    const plan = planMemory({ facts, weights: weights(30), profile: layers, host });
    expect(plan.fits).toBe(false);
    expect(plan.shortfall).toMatch(
      /needs 16.1 GiB of RAM for the 15 of 32 layers the GPUs cannot hold .* but has 12.0 GiB to spare/,
    );
  });
});

describe('planMemory: without GPUs', () => {
  it('counts three quarters of RAM, no more than is free', () => {
    const host = parseHostInfo({ os: 'linux', arch: 'x64', memoryBytes: 32 * GIB, memoryFreeBytes: 20 * GIB });
    const plan = planMemory({ facts, weights: weights(10), profile: layers, host });
    expect(plan).toMatchObject({ memory: 'RAM', gpus: [], tensorParallel: 1 });
    expect(plan.devices).toEqual([expect.objectContaining({ freeBytes: 20 * GIB, usableBytes: 20 * GIB })]);
  });

  it("counts the Apple GPU's share of unified memory", () => {
    const host = parseHostInfo({
      os: 'darwin',
      arch: 'arm64',
      memoryBytes: 64 * GIB,
      gpus: [{ index: 0, vendor: 'apple', name: 'Apple M2 Max', memoryMiB: 48 * 1024 }],
    });
    const plan = planMemory({ facts, weights: weights(10), profile: layers, host });
    expect(plan).toMatchObject({ memory: 'unified memory', fits: true });
    expect(plan.devices[0]?.usableBytes).toBe(48 * 1024 * MIB);
  });

  it('sizes nothing and refuses nothing when the memory is unknown', () => {
    const host = parseHostInfo({ os: 'linux', arch: 'x64' });
    const plan = planMemory({ facts, weights: weights(10), profile: layers, host });
    expect(plan).toMatchObject({ fits: undefined, memory: 'unknown', contextLength: 131072, devices: [] });
  });
});
