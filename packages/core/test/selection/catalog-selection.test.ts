import { describe, expect, it } from 'vitest';
import {
  Catalog,
  createSwitchyard,
  definePlugin,
  type HostInfo,
  InvalidInputError,
  loadCatalog,
  type Selection,
  type SelectRequest,
  UnknownEngineError,
  weightsMemoryPolicy,
} from '../../src/index.js';
import { demo } from '../catalog/demo-model.js';
import { ALL_ENGINES, hosts, linuxGpuHost } from '../catalog/stand-in-engines.js';

const plugins = [definePlugin({ name: 'stand-ins', apiVersion: 1, backends: ALL_ENGINES })];
// Weights plus headroom: the ordering rules are checked with memory worked out by hand (see demo-model.ts).
const demoSwitchyard = createSwitchyard({ plugins, catalog: new Catalog([demo]), memoryPolicy: weightsMemoryPolicy });
const pick = (host: HostInfo = hosts.rtx4090, options: SelectRequest = {}) =>
  demoSwitchyard.select('demo-instruct', { host, ...options });
/** The engine that would run the picked spec, also when the model is refused as too large. */
const engineOf = (selection: Selection) => selection.chosen ?? selection.considered[0]?.engine ?? null;
const tooLarge = (selection: Selection) =>
  selection.fit.fits === false && selection.chosen === null ? selection.reason : undefined;
const summary = (selection: Selection) => {
  const { format, quantization, sizeInBillions } = selection.spec;
  return { engine: engineOf(selection), format, quantization, sizeInBillions };
};

describe('selecting a catalog model', () => {
  it('takes the best engine, then the largest size that fits, then the least lossy quantization', async () => {
    // On 24 GiB: the 14B pytorch spec does not fit, the 14B gptq ones do, and Int8 loses less than Int4.
    const resolution = await pick(hosts.rtx4090);
    expect(summary(resolution)).toEqual({
      engine: 'gpuserver',
      format: 'gptq',
      quantization: 'Int8',
      sizeInBillions: 14,
    });
    expect(resolution.spec.hubId).toBe('org/demo-14b-gptq-Int8');
    expect(resolution.fit.fits).toBe(true);
    expect(resolution.reason).toContain('gpuserver ranks first among the engines that can run it here');
    expect(resolution.reason).toContain('14B is the largest size that fits in 24 GiB of GPU memory');
    expect(resolution.reason).toContain('Int8 is the least lossy quantization of that size that fits');
  });

  it('sums the memory of every GPU, so eight 80 GB GPUs take the 70B spec', async () => {
    expect(summary(await pick(hosts.eightH100))).toEqual({
      engine: 'gpuserver',
      format: 'awq',
      quantization: 'Int4',
      sizeInBillions: 70,
    });
  });

  it('takes the largest size when the host does not say how much memory it has, and says so', async () => {
    const resolution = await pick(hosts.unknownMemory);
    expect(resolution.spec.sizeInBillions).toBe(70);
    expect(resolution.fit.fits).toBeUndefined();
    expect(resolution.reason).toContain('memory is unknown');
    expect(resolution.reason).toContain('gpuserver is the only engine that can run it here');
  });

  it('prefers MLX on Apple silicon by priority, sized to the GPU share of unified memory', async () => {
    // 32 GiB × 0.75 = 24 GiB: the 70B GGUF specs would not fit anyway, and MLX outranks the GGUF runner.
    expect(summary(await pick(hosts.mac))).toEqual({
      engine: 'appleruntime',
      format: 'mlx',
      quantization: '8bit',
      sizeInBillions: 7,
    });
  });

  it('uses RAM on a host without GPUs', async () => {
    // 16 GiB RAM: the GGUF runner (priority 70) outranks the fallback (10), and 7B Q8_0 fits.
    const resolution = await pick(hosts.cpuOnly);
    expect(summary(resolution)).toEqual({
      engine: 'ggufrunner',
      format: 'ggufv2',
      quantization: 'Q8_0',
      sizeInBillions: 7,
    });
    expect(resolution.spec.hubFile).toBe('demo-7b-Q8_0.gguf');
    expect(resolution.reason).toContain('of RAM');
  });

  it('lets a lower-priority engine win when only its specs fit', async () => {
    const resolution = await pick(linuxGpuHost([8192], ['gpuserver', 'ggufrunner']));
    expect(summary(resolution)).toEqual({
      engine: 'ggufrunner',
      format: 'ggufv2',
      quantization: 'Q4_K_M',
      sizeInBillions: 7,
    });
    expect(resolution.reason).toContain("gpuserver's are all too large");
  });

  it('takes the spec needing least memory when nothing fits', async () => {
    const resolution = await pick(linuxGpuHost([2048], ['gpuserver']));
    expect(summary(resolution)).toEqual({
      engine: 'gpuserver',
      format: 'gptq',
      quantization: 'Int4',
      sizeInBillions: 14,
    });
    expect(resolution.fit.fits).toBe(false);
    expect(tooLarge(resolution)).toBe(
      "No spec of demo-instruct fits in this host's memory: the smallest an engine can run, gptq · Int4 · 14B, needs about 8.3 GiB and this host has 2 GiB of GPU memory; pick a smaller model, or plan for a larger host (the `host` option).",
    );
  });

  it('when nothing fits, takes the smallest spec whichever engine runs it, and does not claim it fits', async () => {
    // gpuserver outranks ggufrunner, but its smallest spec (14B Int4) needs more than 7B Q4_K_M.
    const resolution = await pick(linuxGpuHost([2048], ['gpuserver', 'ggufrunner']));
    expect(summary(resolution)).toEqual({
      engine: 'ggufrunner',
      format: 'ggufv2',
      quantization: 'Q4_K_M',
      sizeInBillions: 7,
    });
    expect(resolution.chosen).toBeNull();
    expect(tooLarge(resolution)).toContain('the smallest an engine can run, ggufv2 · Q4_K_M · 7B, needs about 4.8 GiB');
  });

  it('says which filters left only specs too large, and leaves tooLarge unset when a spec fits', async () => {
    const narrowed = await pick(hosts.rtx4090, { format: 'awq' });
    expect(tooLarge(narrowed)).toContain(
      'No spec of demo-instruct of the `format`, `size` or `quantization` asked for fits',
    );
    expect(tooLarge(narrowed)).toContain('pick a smaller `size` or `quantization`');
    expect(tooLarge(await pick(hosts.rtx4090))).toBeUndefined();
    expect(tooLarge(await pick(hosts.unknownMemory))).toBeUndefined();
  });

  it('still picks a spec, with no engine, when nothing can run any spec', async () => {
    const resolution = await pick(linuxGpuHost([24564], []));
    expect(engineOf(resolution)).toBeNull();
    expect(resolution.fit.fits).toBe(true);
    expect(resolution.reason).toContain('see `switchyard engines demo-instruct`');
  });

  it('follows preferences and pinned engines', async () => {
    expect(summary(await pick(hosts.rtx4090, { prefer: ['ggufrunner'] }))).toMatchObject({
      engine: 'ggufrunner',
      quantization: 'Q8_0',
    });
    const pinned = await pick(hosts.rtx4090, { engine: 'fallback' });
    expect(pinned.chosen).toBe('fallback');
    expect(pinned.reason).toContain('the engine you asked for');
    await expect(pick(hosts.rtx4090, { engine: 'tgi' })).rejects.toThrow(UnknownEngineError);
  });

  describe('filters', () => {
    it.each([
      [{ size: 7 }, { engine: 'gpuserver', format: 'pytorch', quantization: 'none', sizeInBillions: 7 }],
      [{ format: 'GGUFV2' }, { engine: 'ggufrunner', format: 'ggufv2', quantization: 'Q8_0', sizeInBillions: 7 }],
      [
        { format: 'ggufv2', size: '7', quantization: 'q4_k_m' },
        { engine: 'ggufrunner', format: 'ggufv2', quantization: 'Q4_K_M', sizeInBillions: 7 },
      ],
      [{ quantization: 'int4' }, { engine: 'gpuserver', format: 'gptq', quantization: 'Int4', sizeInBillions: 14 }],
    ])('narrow the choice: %j', async (filters, expected) => {
      expect(summary(await pick(hosts.rtx4090, filters))).toEqual(expected);
    });

    it('keep the catalog spelling of a quantization for file names', async () => {
      const resolution = await pick(hosts.eightH100, { format: 'ggufv2', size: 70, quantization: 'Q4_K_M' });
      expect(resolution.spec.quantization).toBe('Q4_K_M');
      expect(resolution.spec.hubFile).toBe('demo-70b-q4_k_m.gguf');
    });

    it.each([
      [{ format: 'fp8' }, 'format', 'demo-instruct has no fp8 spec; it comes in pytorch, gptq, awq, ggufv2, mlx'],
      [{ format: 'awq', size: 7 }, 'size', 'demo-instruct has no awq spec of 7B; its awq specs come in 70B'],
      [{ size: 3 }, 'size', 'demo-instruct has no spec of 3B; it comes in 7B, 14B, 70B'],
      [
        { format: 'gptq', size: 14, quantization: 'Int3' },
        'quantization',
        'demo-instruct has no gptq 14B spec quantized Int3; its gptq 14B specs come in Int4, Int8',
      ],
      [{ size: 'seven' }, 'size', '"seven" is not a size in billions'],
    ])('refuse a combination the catalog lacks, listing what exists: %j', async (filters, field, message) => {
      try {
        await pick(hosts.rtx4090, filters);
        expect.unreachable('the filters should be refused');
      } catch (error) {
        expect(error).toBeInstanceOf(InvalidInputError);
        const [problem] = (error as InvalidInputError).problems;
        expect(problem?.field).toBe(field);
        expect(problem?.message).toContain(message);
      }
    });
  });

  describe('on the builtin catalog', async () => {
    const catalog = await loadCatalog();
    const switchyard = createSwitchyard({ plugins, catalog });

    it('finds names case-insensitively, and fits a 4-bit 32B Qwen2.5 on a 24 GB GPU only with a shorter context', async () => {
      const resolution = await switchyard.select('QWEN2.5-Instruct', { host: hosts.rtx4090 });
      expect(engineOf(resolution)).toBe('gpuserver');
      // A generic engine (1 GiB of overhead): 18 GiB of weights leave room for about 10k of its 32,768 tokens.
      expect(resolution.fit.plan?.contextLength).toBeGreaterThanOrEqual(8192);
      expect(resolution.fit.plan?.contextLength).toBeLessThan(32768);
      expect(resolution.fit.plan?.contextSource).toBe('largest that fits');
      expect(resolution.spec).toMatchObject({
        modelName: 'qwen2.5-instruct',
        sizeInBillions: 32,
        quantization: 'Int4',
      });
      expect(resolution.spec.hubId).toMatch(/^Qwen\/Qwen2\.5-32B-Instruct-(AWQ|GPTQ-Int4)$/);
    });

    it('picks, for every family on every host, a spec of that family that its engine accepts', async () => {
      for (const model of catalog.list()) {
        for (const host of Object.values(hosts)) {
          const resolution = await switchyard.select(model.modelName, { host });
          expect(catalog.entries(model).map((entry) => entry.modelSpec)).toContainEqual(resolution.spec);
          const engine = ALL_ENGINES.find((backend) => backend.name === engineOf(resolution));
          if (engine) expect(engine.matches(resolution.spec, host).eligible).toBe(true);
          else expect(ALL_ENGINES.some((backend) => backend.matches(resolution.spec, host).eligible)).toBe(false);
        }
      }
    });
  });
});
