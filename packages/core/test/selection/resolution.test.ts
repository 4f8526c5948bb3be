import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import {
  Catalog,
  createSwitchyard,
  definePlugin,
  InvalidInputError,
  type MemoryPolicy,
  type ModelReader,
  parseHostInfo,
  parseModelSpec,
  type Supervisor,
} from '../../src/index.js';
import { demo } from '../catalog/demo-model.js';
import { ALL_ENGINES, hosts } from '../catalog/stand-in-engines.js';
import { linuxCuda, pluginOf, testBackend } from '../fixtures.js';

const standIns = definePlugin({ name: 'stand-ins', apiVersion: 1, backends: ALL_ENGINES });

describe('resolving a model reference', () => {
  it('refuses a spec object too large for the host, every engine that could run it saying why', async () => {
    const switchyard = createSwitchyard({ plugins: [standIns], host: hosts.rtx4090 });
    const selection = await switchyard.select({ modelName: 'huge', format: 'pytorch', sizeInBillions: 400 });
    expect(selection.chosen).toBeNull();
    expect(selection.fit).toMatchObject({ fits: false, budget: { kind: 'GPU memory' } });
    const gpuserver = selection.candidates.find((c) => c.backend === 'gpuserver');
    expect(gpuserver?.eligible).toBe(false);
    expect(gpuserver?.reasons[0]).toMatch(/^huge \(pytorch · none · 400B\) does not fit in this host's memory/);
    await expect(
      switchyard.launch({ modelName: 'huge', format: 'pytorch', sizeInBillions: 400 }),
    ).rejects.toMatchObject({
      code: 'MODEL_TOO_LARGE',
    });
  });

  it.each([
    ['./nope.gguf', 'ggufv2', 'no such file or folder: '],
    [fileURLToPath(import.meta.url), 'ggufv2', 'is not a GGUF file: it does not start with the bytes "GGUF"'],
    [fileURLToPath(import.meta.url), 'pytorch', 'is a file; a pytorch model is a folder holding config.json'],
    [dirname(fileURLToPath(import.meta.url)), 'awq', 'config.json'],
    ['/dev/null', 'ggufv2', 'is neither a file nor a folder'],
  ])(
    'refuses a spec whose modelPath %s is not a %s model before planning or starting it',
    async (modelPath, format, message) => {
      const started: unknown[] = [];
      const supervisor: Supervisor = {
        freePort: async () => 9000,
        start: async (plan) => {
          started.push(plan);
          throw new Error('the engine was started');
        },
      };
      const switchyard = createSwitchyard({
        plugins: [pluginOf('p', testBackend('fast', 10))],
        host: linuxCuda,
        supervisor,
      });
      const spec = { modelName: 'm', format, modelPath };
      // One at a time: a refusal that comes while another is awaited would go unhandled.
      for (const attempt of [
        () => switchyard.launch(spec),
        () => switchyard.plan(spec),
        () => switchyard.select(spec),
      ]) {
        const error = await attempt().catch((e: unknown) => e);
        expect(error).toBeInstanceOf(InvalidInputError);
        expect((error as InvalidInputError).problems).toEqual([
          { field: 'modelPath', message: expect.stringContaining(message) },
        ]);
        expect((error as InvalidInputError).hint).toEqual(expect.any(String));
      }
      expect(started).toEqual([]);
    },
  );

  it('sizes the model for the GPUs asked for, and refuses an index the host lacks', async () => {
    const switchyard = createSwitchyard({ plugins: [standIns], host: hosts.eightH100 });
    const model = { modelName: 'big', format: 'pytorch', sizeInBillions: 70 } as const;
    expect((await switchyard.select(model)).chosen).toBe('gpuserver');
    expect((await switchyard.select(model, { gpus: [0] })).chosen).toBeNull();
    await expect(switchyard.select(model, { gpus: [9] })).rejects.toThrow(/this host has no GPU 9/);
  });

  it('takes a name described by the options as a model of your own, and suggests catalog names otherwise', async () => {
    const switchyard = createSwitchyard({ plugins: [standIns], host: hosts.rtx4090, catalog: new Catalog([demo]) });
    const own = await switchyard.select('my-model', { format: 'pytorch', size: 7 });
    expect(own.spec).toMatchObject({ modelName: 'my-model', format: 'pytorch', sizeInBillions: 7 });
    const error = await switchyard.select('demo-instruc').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InvalidInputError);
    expect((error as InvalidInputError).problems[0]).toMatchObject({ field: 'model' });
    expect((error as Error).message).toContain('did you mean demo-instruct?');
  });

  it('asks the memory policy, and only it, whether a model fits', async () => {
    const asked: string[] = [];
    const nothingFits: MemoryPolicy = {
      fit: (spec) => {
        asked.push(spec.modelName);
        return { neededBytes: 1, budget: { bytes: 0, kind: 'GPU memory' }, fits: false, basis: 'a test policy' };
      },
    };
    const switchyard = createSwitchyard({ plugins: [standIns], host: hosts.eightH100, memoryPolicy: nothingFits });
    const selection = await switchyard.select({ modelName: 'tiny', format: 'pytorch', sizeInBillions: 0.1 });
    expect(asked).toEqual(['tiny']);
    expect(selection.chosen).toBeNull();
    expect(selection.fit.basis).toBe('a test policy');
  });

  it('reads new kinds of reference with the readers plugins contribute, after the instance’s own', async () => {
    const seen: string[] = [];
    const reader: ModelReader = {
      name: 'registry',
      read: async (reference) => {
        seen.push(reference);
        if (!reference.startsWith('registry:')) return undefined;
        const spec = parseModelSpec({ modelName: reference.slice(9), format: 'pytorch', sizeInBillions: 1 });
        return { specs: [spec], source: `looked up ${reference}` };
      },
    };
    const plugin = definePlugin({ name: 'registry', apiVersion: 1, backends: [], readers: [reader] });
    const switchyard = createSwitchyard({
      plugins: [standIns, plugin],
      host: hosts.rtx4090,
      catalog: new Catalog([demo]),
    });
    const selection = await switchyard.select('registry:tiny');
    expect(selection).toMatchObject({ chosen: 'gpuserver', reason: 'looked up registry:tiny' });
    await switchyard.select('demo-instruct');
    expect(seen).toEqual(['registry:tiny']);
  });
});

describe('the one engine order', () => {
  // Equal priorities: the stated tie-break (name) decides, in selection and in the engines listing alike.
  const zeta = testBackend('zeta', 50, []);
  const alpha = testBackend('alpha', 50, []);
  const low = testBackend('low', 10, []);
  const host = parseHostInfo(linuxCuda);
  const catalog = new Catalog([demo]);

  it('is preference, then priority, then name, in select and engineOptions alike', async () => {
    const switchyard = createSwitchyard({ plugins: [pluginOf('p', zeta, low, alpha)], host, catalog });
    const selection = await switchyard.select('demo-instruct');
    expect(selection.candidates.map((c) => c.backend)).toEqual(['alpha', 'zeta', 'low']);
    const listed = await switchyard.engineOptions('demo-instruct');
    expect([...new Set(listed.options.map((o) => o.engine))]).toEqual(['alpha', 'zeta', 'low']);

    const preferring = createSwitchyard({ plugins: [pluginOf('p', zeta, low, alpha)], host, catalog, prefer: ['low'] });
    expect((await preferring.select('demo-instruct')).chosen).toBe('low');
    const preferred = await preferring.engineOptions('demo-instruct');
    expect([...new Set(preferred.options.map((o) => o.engine))]).toEqual(['low', 'alpha', 'zeta']);
    expect(preferred.pick.chosen).toBe('low');
  });
});
