import { describe, expect, it } from 'vitest';
import { engineOptions } from '../../src/catalog/engine-options.js';
import { weightsMemoryPolicy } from '../../src/index.js';
import { demo } from './demo-model.js';
import { ALL_ENGINES, hosts } from './stand-in-engines.js';

describe('engineOptions', () => {
  const options = engineOptions(demo, ALL_ENGINES, hosts.rtx4090, { memory: weightsMemoryPolicy });

  it('lists every (engine, format, size, quantization), engines by priority', () => {
    const entries = demo.specs.reduce((sum, spec) => sum + spec.quantizations.length, 0);
    expect(options).toHaveLength(ALL_ENGINES.length * entries);
    expect([...new Set(options.map((o) => o.engine))]).toEqual(['gpuserver', 'appleruntime', 'ggufrunner', 'fallback']);
  });

  it('can run an option only when the engine accepts it and it is not too large', () => {
    for (const option of options) {
      expect(option.canRun).toBe(option.eligible && option.memory.fits !== false);
      expect(option.eligible).toBe(option.reasons.length === 0);
      expect(option.memory.reason !== undefined).toBe(option.memory.fits === false);
    }
    const row = (engine: string, format: string, size: number, quantization: string) =>
      options.find(
        (o) =>
          o.engine === engine && o.format === format && o.sizeInBillions === size && o.quantization === quantization,
      );
    expect(row('gpuserver', 'pytorch', 7, 'none')?.canRun).toBe(true);
    expect(row('gpuserver', 'pytorch', 14, 'none')).toMatchObject({ eligible: true, canRun: false });
    expect(row('gpuserver', 'pytorch', 14, 'none')?.memory.reason).toBe(
      '14B at none needs about 31 GiB (weights plus 20% headroom); this host has 24 GiB of GPU memory.',
    );
    expect(row('appleruntime', 'mlx', 7, '4bit')?.reasons).toEqual([
      'APPLERUNTIME needs macOS; this host runs linux.',
      'APPLERUNTIME is not installed: pip install appleruntime',
    ]);
    expect(row('ggufrunner', 'ggufv2', 7, 'Q4_K_M')).toMatchObject({
      canRun: true,
      hubId: 'org/demo-7b-gguf',
      fileName: 'demo-7b-Q4_K_M.gguf',
    });
  });
});
