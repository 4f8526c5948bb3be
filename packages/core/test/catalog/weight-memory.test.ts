import { describe, expect, it } from 'vitest';
import {
  type HostInfo,
  memoryBudget,
  parseHostInfo,
  parseModelSpec,
  quantizationQuality,
  weightsMemoryPolicy,
} from '../../src/index.js';
import { bitsPerWeight } from '../../src/memory/weight-memory.js';
import { hosts, linuxGpuHost } from './stand-in-engines.js';

describe('quantizationQuality', () => {
  it('ranks k-quants above legacy GGUF types of about the same size, and Q8_0 above Q6_K', () => {
    const order = ['Q8_0', 'Q6_K', 'Q5_K_M', 'Q5_K_S', 'Q5_1', 'Q5_0', 'Q4_K_M', 'Q4_K_S', 'Q4_1', 'Q4_0', 'Q3_K_M'];
    const quality = order.map((type) => quantizationQuality('ggufv2', type));
    expect(quality).toEqual([...quality].sort((a, b) => b - a));
    expect(new Set(quality).size).toBe(quality.length);
    expect(bitsPerWeight('ggufv2', 'Q4_1')).toBeGreaterThan(bitsPerWeight('ggufv2', 'Q4_K_M'));
  });

  it('is bits per weight outside GGUF', () => {
    expect(quantizationQuality('gptq', 'Int8')).toBe(bitsPerWeight('gptq', 'Int8'));
    expect(quantizationQuality('mlx', '4bit')).toBe(bitsPerWeight('mlx', '4bit'));
  });
});

describe('bitsPerWeight', () => {
  it('orders GGUF types by size', () => {
    const order = [
      'F32',
      'BF16',
      'Q8_0',
      'Q6_K',
      'Q5_K_M',
      'Q5_K_S',
      'Q4_K_L',
      'Q4_K_M',
      'Q4_K_S',
      'IQ4_XS',
      'Q3_K_M',
      'Q2_K',
      'IQ2_XXS',
      'IQ1_S',
    ];
    const bits = order.map((type) => bitsPerWeight('ggufv2', type));
    expect(bits).toEqual([...bits].sort((a, b) => b - a));
    expect(new Set(bits).size).toBe(bits.length);
  });

  it('reads unsloth dynamic and lower-case GGUF names like their base types', () => {
    expect(bitsPerWeight('ggufv2', 'q4_k_m')).toBe(bitsPerWeight('ggufv2', 'Q4_K_M'));
    expect(bitsPerWeight('ggufv2', 'UD-Q4_K_XL')).toBeGreaterThan(bitsPerWeight('ggufv2', 'Q4_K_M'));
    expect(bitsPerWeight('ggufv2', 'UD-Q4_K_XL')).toBeLessThan(bitsPerWeight('ggufv2', 'Q5_K_S'));
  });

  it.each([
    ['pytorch', 'none', 16],
    ['pytorch', '8-bit', 8.5],
    ['gptq', 'Int4', 4.25],
    ['gptq', 'Int4-Int8Mix', 8.25],
    ['awq', 'Int4', 4.25],
    ['fp8', 'fp8', 8],
    ['mlx', '4bit', 4.5],
    ['mlx', 'bf16', 16],
    ['mlx', 'none', 16],
  ] as const)('counts %s %s as %d bits', (format, quantization, bits) => {
    expect(bitsPerWeight(format, quantization)).toBe(bits);
  });
});

describe('memoryBudget', () => {
  it('sums the memory of every GPU', () => {
    expect(memoryBudget(hosts.eightH100)).toEqual({ bytes: 8 * 81559 * 2 ** 20, kind: 'GPU memory' });
  });

  it('gives Apple silicon three quarters of unified memory', () => {
    expect(memoryBudget(hosts.mac)).toEqual({ bytes: 24 * 2 ** 30, kind: 'unified memory' });
  });

  it('gives a detected Mac, whose GPU reports all of unified memory, the same three quarters', () => {
    // Detection's shape: the Apple GPU's memoryMiB is the machine's whole unified memory.
    const detected = parseHostInfo({
      os: 'darwin',
      arch: 'arm64',
      memoryBytes: 32 * 2 ** 30,
      gpus: [{ index: 0, vendor: 'apple', name: 'Apple M2 Pro', memoryMiB: 32 * 1024 }],
    });
    expect(memoryBudget(detected)).toEqual({ bytes: 24 * 2 ** 30, kind: 'unified memory' });
  });

  it('uses three quarters of RAM without GPUs, and knows nothing when the host file does not say', () => {
    // 16 GiB of RAM: the system and everything else running keep 4 GiB of it.
    expect(memoryBudget(hosts.cpuOnly)).toEqual({ bytes: 12 * 2 ** 30, kind: 'RAM' });
    expect(memoryBudget(hosts.unknownMemory)).toBeUndefined();
  });
});

describe('weightsMemoryPolicy', () => {
  const spec = parseModelSpec({ modelName: 'm', format: 'pytorch', sizeInBillions: 7 });
  const fitOn = (host: HostInfo, model = spec) => weightsMemoryPolicy.fit(model, host);

  it('adds 20% headroom to the weights', () => {
    // 7B × 16 bits = 14 GB of weights, 16.8 GB with headroom.
    expect(fitOn(linuxGpuHost([16_000], []))).toMatchObject({ neededBytes: 16.8e9, fits: false });
    expect(fitOn(linuxGpuHost([16_100], [])).fits).toBe(true);
    expect(fitOn(hosts.unknownMemory).fits).toBeUndefined();
  });

  it('does not guess for a model that does not say its size', () => {
    expect(fitOn(hosts.eightH100, parseModelSpec({ modelName: 'm', format: 'pytorch' })).fits).toBeUndefined();
  });
});
