import { InvalidInputError, parseHostInfo, parseModelSpec, planLaunch } from '@switchyard/core';
import { describe, expect, it } from 'vitest';
import { sglangBackend } from '../src/index.js';

const gpu = (index: number) => ({ index, vendor: 'nvidia', name: 'H100' }) as const;
const host = parseHostInfo({
  os: 'linux',
  arch: 'x64',
  gpus: [gpu(0), gpu(1), gpu(2), gpu(3)],
  engines: { sglang: { version: '0.5.2', path: '/opt/sglang/bin/python' } },
});
const spec = parseModelSpec({ modelName: 'mixtral-v0.1', format: 'pytorch', hubId: 'mistralai/Mixtral-8x7B-v0.1' });

describe('SGLang launch plan', () => {
  it('runs sglang.launch_server with the interpreter SGLang was found in, on its default port, over every GPU', () => {
    const plan = planLaunch(sglangBackend, spec, host);
    expect(plan).toMatchObject({
      backend: 'sglang',
      runtime: 'sglang',
      command: '/opt/sglang/bin/python',
      args: [
        '-m',
        'sglang.launch_server',
        '--model-path',
        'mistralai/Mixtral-8x7B-v0.1',
        '--host',
        '127.0.0.1',
        '--port',
        '30000',
        '--served-model-name',
        'mixtral-v0.1',
        '--tp-size',
        '4',
      ],
      env: {},
      secretEnv: [],
      port: 30000,
      servedModelName: 'mixtral-v0.1',
      readiness: { method: 'GET', path: '/health', expectStatus: 200 },
      stopSignal: 'SIGTERM',
    });
  });

  it('uses --python first, and python3 when detection recorded no interpreter', () => {
    expect(planLaunch(sglangBackend, spec, host, { python: '/venv/bin/python' }).command).toBe('/venv/bin/python');
    const bare = parseHostInfo({ os: 'linux', arch: 'x64', gpus: [gpu(0)], engines: { sglang: { version: '0.5' } } });
    expect(planLaunch(sglangBackend, spec, bare).command).toBe('python3');
  });

  it('maps GPUs, tensor parallelism, context length and the served name to SGLang’s flags', () => {
    const plan = planLaunch(sglangBackend, { ...spec, modelPath: '/models/mixtral' }, host, {
      bind: '0.0.0.0',
      port: 31000,
      gpus: [2, 3],
      contextLength: 32768,
      servedName: 'mixtral',
      extraArgs: ['--mem-fraction-static', '0.8'],
    });
    expect(plan.args.slice(2)).toEqual([
      '--model-path',
      '/models/mixtral',
      '--host',
      '0.0.0.0',
      '--port',
      '31000',
      '--served-model-name',
      'mixtral',
      '--tp-size',
      '2',
      '--context-length',
      '32768',
      '--mem-fraction-static',
      '0.8',
    ]);
    expect(plan.env).toEqual({ CUDA_VISIBLE_DEVICES: '2,3' });
    expect(planLaunch(sglangBackend, spec, host, { tensorParallel: 4 }).args).toContain('--tp-size');
  });

  it('refuses a tensor-parallel degree larger than the GPUs named', () => {
    expect(() => planLaunch(sglangBackend, spec, host, { gpus: [0], tensorParallel: 2 })).toThrow(InvalidInputError);
  });

  it('refuses an API key, naming the field: SGLang would only take it in argv', () => {
    expect(() => planLaunch(sglangBackend, spec, host, { apiKey: 'sk-secret' })).toThrow(
      expect.objectContaining({
        code: 'INVALID_INPUT',
        problems: [
          expect.objectContaining({ field: 'apiKey', message: expect.stringMatching(/only on its command line/) }),
        ],
        hint: expect.stringContaining('--config FILE.yaml'),
      }),
    );
  });
});
