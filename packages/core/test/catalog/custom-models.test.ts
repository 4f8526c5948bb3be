import { describe, expect, it } from 'vitest';
import { type Catalog, createSwitchyard, definePlugin, InvalidInputError, loadCatalog } from '../../src/index.js';
import { ALL_ENGINES, gpuServer, hosts } from './stand-in-engines.js';

const finetune = {
  modelName: 'my-qwen-finetune',
  modelFamily: 'QWEN2.5-INSTRUCT',
  specs: [
    { format: 'pytorch', sizeInBillions: 7, quantizations: ['none'], hubId: 'me/qwen-finetune-7b' },
    {
      format: 'ggufv2',
      sizeInBillions: '7',
      quantizations: ['Q4_K_M', 'Q8_0'],
      modelPath: '/models/finetune',
      fileNameTemplate: 'finetune-{quantization}.gguf',
    },
  ],
};

function problemsOf(catalog: Catalog, input: unknown) {
  try {
    catalog.registerAll(input, 'models.json');
  } catch (error) {
    expect(error).toBeInstanceOf(InvalidInputError);
    return (error as InvalidInputError).problems.map((p) => `${p.field}: ${p.message}`);
  }
  throw new Error('expected the custom model to be refused');
}

describe('custom models', () => {
  it('registers a model under its own name, judged by its builtin family', async () => {
    const catalog = await loadCatalog();
    const [model] = catalog.registerAll(finetune);
    expect(model).toMatchObject({ modelName: 'my-qwen-finetune', modelFamily: 'qwen2.5-instruct' });
    expect(catalog.get('MY-QWEN-FINETUNE')).toBe(model);
    expect(catalog.isBuiltin(model as never)).toBe(false);
    // Abilities and context length come from the family when the file leaves them out.
    const family = catalog.require('qwen2.5-instruct');
    expect(model?.abilities).toEqual(family.abilities);
    expect(model?.contextLength).toBe(family.contextLength);

    const [pytorch] = catalog.entries(model as never);
    expect(pytorch?.modelSpec).toMatchObject({ modelName: 'my-qwen-finetune', modelFamily: 'qwen2.5-instruct' });
    // The GPU engine accepts the family, so it accepts the custom model: the seed's rule.
    expect(gpuServer.matches(pytorch?.modelSpec as never, hosts.rtx4090).eligible).toBe(true);
  });

  it('places a GGUF file named by the template in the local directory', async () => {
    const catalog = await loadCatalog();
    catalog.registerAll(finetune);
    const plugins = [definePlugin({ name: 'stand-ins', apiVersion: 1, backends: ALL_ENGINES })];
    const switchyard = createSwitchyard({ plugins, catalog, host: hosts.cpuOnly });
    const { specs } = await switchyard.read('my-qwen-finetune', { format: 'ggufv2', quantization: 'Q8_0' });
    expect(specs).toEqual([
      expect.objectContaining({ modelPath: '/models/finetune/finetune-Q8_0.gguf', quantization: 'Q8_0' }),
    ]);
    expect(specs[0]?.hubId).toBeUndefined();
    // The file is not there: selection reads the picked spec's file before anything is planned.
    await expect(switchyard.select('my-qwen-finetune', { format: 'ggufv2' })).rejects.toMatchObject({
      code: 'INVALID_INPUT',
      message: expect.stringContaining(
        'Invalid model my-qwen-finetune:\n  modelPath: no such file or folder: /models/finetune/finetune-',
      ),
    });
  });

  it('takes a list of models, and keeps each catalog instance to itself', async () => {
    const catalog = await loadCatalog();
    const second = { ...finetune, modelName: 'my-other-finetune' };
    expect(catalog.registerAll([finetune, second]).map((m) => m.modelName)).toEqual([
      'my-qwen-finetune',
      'my-other-finetune',
    ]);
    expect((await loadCatalog()).get('my-qwen-finetune')).toBeUndefined();
  });

  it.each([
    [
      { ...finetune, modelFamily: undefined },
      'modelFamily: name the builtin family it derives from, or its architectures as its config.json lists them',
    ],
    [{ ...finetune, specs: undefined }, 'specs: list the specs, or give modelPath (a local model folder)'],
    [{ ...finetune, architectures: 'LlamaForCausalLM' }, 'architectures: must be a list of architecture names'],
    [
      { ...finetune, modelFamily: 'qwen2.5-instruc' },
      'modelFamily: "qwen2.5-instruc" is not a builtin family; did you mean qwen2.5-instruct',
    ],
    [{ ...finetune, modelName: 'Qwen2.5-Instruct' }, 'modelName: "Qwen2.5-Instruct" is already a builtin model'],
    [{ ...finetune, specs: [] }, 'specs: list at least one spec'],
    [
      { ...finetune, specs: [{ ...finetune.specs[0], format: 'safetensors' }] },
      'specs.0.format: "safetensors" is not a model format',
    ],
    [
      { ...finetune, specs: [{ format: 'pytorch', sizeInBillions: 7, quantizations: ['none'] }] },
      'specs.0.hubId: give hubId (a Hugging Face id) or modelPath',
    ],
    [
      { ...finetune, specs: [{ ...finetune.specs[0], sizeInBillions: 'big' }] },
      'specs.0.sizeInBillions: "big" is not a size',
    ],
    [
      { ...finetune, specs: [{ ...finetune.specs[0], sizeInBillions: undefined }] },
      'specs.0.sizeInBillions: is required: the size in billions of parameters',
    ],
    [
      { ...finetune, specs: [{ ...finetune.specs[1], fileNameTemplate: undefined }] },
      'specs.0.fileNameTemplate: GGUF specs name their file',
    ],
    [
      { ...finetune, specs: [{ ...finetune.specs[1], fileNameTemplate: 'one.gguf' }] },
      'specs.0.fileNameTemplate: must contain {quantization}',
    ],
    [{ ...finetune, abilities: ['telepathy'] }, 'abilities.0: "telepathy" is not an ability'],
    [{ ...finetune, colour: 'blue' }, 'Unrecognized key: "colour"'],
  ])('refuses a malformed model, naming the field: %#', async (input, expected) => {
    expect((await problemsOf(await loadCatalog(), input)).join('\n')).toContain(expected);
  });

  it('registers a model of no builtin family by the architectures it declares', async () => {
    const catalog = await loadCatalog();
    const model = catalog.register({ ...finetune, modelFamily: undefined, architectures: ['LlamaForCausalLM'] });
    expect(model).toMatchObject({ modelName: 'my-qwen-finetune', abilities: ['chat', 'generate'] });
    expect(model.modelFamily).toBeUndefined();
    expect(catalog.entries(model)[0]?.modelSpec).toMatchObject({
      modelFamily: 'my-qwen-finetune',
      architectures: ['LlamaForCausalLM'],
    });
  });

  it('names which model of a list is wrong', async () => {
    const catalog = await loadCatalog();
    expect(() =>
      catalog.registerAll([finetune, { ...finetune, modelName: 'x', specs: 'none' }], 'models.json'),
    ).toThrow(/models\.json \(model 1\)[\s\S]*specs: must be a list of specs/);
  });
});
