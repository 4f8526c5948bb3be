import {
  type LaunchOptionsInput,
  type ModelSpecInput,
  parseHostInfo,
  parseModelSpec,
  planLaunch,
} from '@switchyard/core';
import { describe, expect, it } from 'vitest';
import { transformersBackend } from '../src/index.js';

const engines = { transformers: { version: '5.17.0' }, torch: { version: '2.8.0' } };
const cudaHost = parseHostInfo({
  os: 'linux',
  arch: 'x64',
  gpus: [0, 1].map((index) => ({ index, vendor: 'nvidia', name: 'A10G' })),
  engines,
});
const cpuHost = parseHostInfo({ os: 'darwin', arch: 'arm64', engines });
const phi3: ModelSpecInput = { modelName: 'phi-3', format: 'pytorch', hubId: 'microsoft/Phi-3-mini-4k-instruct' };

const plan = (spec: Partial<ModelSpecInput> = {}, options: LaunchOptionsInput = {}, host = cudaHost) =>
  planLaunch(transformersBackend, parseModelSpec({ ...phi3, ...spec }), host, options);

describe('Transformers launch plan', () => {
  it('runs `transformers serve MODEL` with MODEL positional, on its default port, answering to MODEL', () => {
    expect(plan()).toMatchObject({
      backend: 'transformers',
      command: 'transformers',
      args: ['serve', 'microsoft/Phi-3-mini-4k-instruct', '--host', '127.0.0.1', '--port', '8000'],
      env: {},
      secretEnv: [],
      port: 8000,
      servedModelName: 'microsoft/Phi-3-mini-4k-instruct',
      readiness: { method: 'GET', path: '/health', expectStatus: 200 },
      stopSignal: 'SIGTERM',
    });
  });

  it('passes bind, port, GPUs, served name and extra arguments', () => {
    const result = plan(
      { modelPath: '/models/phi3' },
      {
        bind: '::',
        port: 8100,
        gpus: [1],
        servedName: 'phi',
        extraArgs: ['--continuous-batching'],
      },
    );
    expect(result.args).toEqual(['serve', 'phi', '--host', '::', '--port', '8100', '--continuous-batching']);
    expect(result.env).toEqual({ CUDA_VISIBLE_DEVICES: '1' });
    expect(result.servedModelName).toBe('phi');
  });

  // transformers serve is pinned to MODEL as written: a request naming anything else gets "Server is
  // pinned to '<MODEL>'" (serving/utils.py `_resolve_model`, 5.18.0).
  it('loads a local model by its served name, through a link to its folder in the working directory', () => {
    expect(plan({ modelPath: '/models/phi3' })).toMatchObject({
      args: ['serve', 'phi-3', '--host', '127.0.0.1', '--port', '8000'],
      servedModelName: 'phi-3',
      workdirLinks: { 'phi-3': '/models/phi3' },
    });
    expect(plan({ modelPath: '/models/phi3' }, { servedName: 'acme/phi' }).workdirLinks).toEqual({
      'acme/phi': '/models/phi3',
    });
    expect(plan({ modelPath: 'models/phi3' }).workdirLinks).toEqual({ 'phi-3': `${process.cwd()}/models/phi3` });
  });

  it.each([
    ['phi@v2', /revision/],
    ['phi:model.gguf', /GGUF/],
    ['../phi', /relative name/],
    ['/srv/phi', /relative name/],
    ['acme//phi', /relative name/],
  ])('refuses the served name %s, which transformers would not read as a name', (servedName, message) => {
    expect(() => plan({ modelPath: '/models/phi3' }, { servedName })).toThrow(
      expect.objectContaining({
        code: 'INVALID_INPUT',
        problems: [expect.objectContaining({ field: 'servedName', message: expect.stringMatching(message) })],
      }),
    );
  });

  it('answers a model it downloads by its hub id, and refuses another served name for it', () => {
    expect(plan({}, { servedName: 'microsoft/Phi-3-mini-4k-instruct' }).workdirLinks).toBeUndefined();
    expect(() => plan({}, { servedName: 'phi' })).toThrow(
      expect.objectContaining({
        problems: [expect.objectContaining({ field: 'servedName', message: expect.stringContaining('hub') })],
      }),
    );
  });

  it.each([
    ['a bnb Int4 model', { format: 'bnb', quantization: '4bit' }, ['--quantization', 'bnb-4bit']],
    ['a bnb Int8 model', { format: 'bnb', quantization: 'int8' }, ['--quantization', 'bnb-8bit']],
    ['a bnb NF4 model', { format: 'bnb', quantization: 'nf4' }, ['--quantization', 'bnb-4bit']],
    ['a PyTorch model loaded as FP4', { format: 'pytorch', quantization: 'fp4' }, ['--quantization', 'bnb-4bit']],
    ['a 4-bit PyTorch model', { format: 'pytorch', quantization: '4-bit' }, ['--quantization', 'bnb-4bit']],
    ['an 8-bit PyTorch model', { format: 'pytorch', quantization: '8-bit' }, ['--quantization', 'bnb-8bit']],
    ['an unquantized PyTorch model', { format: 'pytorch', quantization: 'none' }, []],
    ['a GPTQ model (its checkpoint carries the config)', { format: 'gptq', quantization: 'Int4' }, []],
    ['an AWQ model', { format: 'awq', quantization: 'Int4' }, []],
  ] as const)('loads %s with the matching --quantization', (_label, spec, flags) => {
    expect(plan(spec).args.slice(6)).toEqual(flags);
  });

  it('refuses a bitsandbytes width it cannot load, naming the field', () => {
    expect(() => plan({ format: 'bnb', quantization: 'Int3' })).toThrow(
      expect.objectContaining({
        code: 'INVALID_INPUT',
        problems: [expect.objectContaining({ field: 'quantization' })],
      }),
    );
  });

  it.each([
    ['apiKey', { apiKey: 'sk-secret' }, cudaHost, /no API key support/],
    ['tensorParallel', { tensorParallel: 2 }, cudaHost, /no tensor parallelism/],
    ['contextLength', { contextLength: 4096 }, cudaHost, /drop `contextLength`/],
    ['gpus', { gpus: [0] }, cpuHost, /no NVIDIA GPU/],
  ] as const)('refuses %s instead of dropping it', (field, options, host, message) => {
    expect(() => plan({}, options, host)).toThrow(
      expect.objectContaining({
        problems: [expect.objectContaining({ field, message: expect.stringMatching(message) })],
      }),
    );
  });

  it('accepts a tensor-parallel degree of 1, which asks for nothing', () => {
    expect(plan({}, { tensorParallel: 1 }).args).toHaveLength(6);
  });

  it('names every refused option at once', () => {
    expect(() => plan({}, { apiKey: 'k', tensorParallel: 2, contextLength: 2048 })).toThrow(
      expect.objectContaining({
        problems: ['apiKey', 'tensorParallel', 'contextLength'].map((field) => expect.objectContaining({ field })),
      }),
    );
  });
});
