import { InvalidInputError, maskSecrets, parseHostInfo, parseModelSpec, planLaunch } from '@switchyard/core';
import { describe, expect, it } from 'vitest';
import { vllmBackend } from '../src/index.js';

const gpu = (index: number) => ({ index, vendor: 'nvidia', name: 'H100' }) as const;
const host = parseHostInfo({
  os: 'linux',
  arch: 'x64',
  gpus: [gpu(0), gpu(1)],
  engines: { vllm: { version: '0.11' } },
});
const spec = parseModelSpec({
  modelName: 'llama-3-instruct',
  format: 'pytorch',
  hubId: 'meta-llama/Meta-Llama-3-8B-Instruct',
});

describe('vLLM launch plan', () => {
  it('runs `vllm serve MODEL` on loopback, the engine’s default port and every GPU when nothing is asked', () => {
    const plan = planLaunch(vllmBackend, spec, host);
    expect(plan).toMatchObject({
      backend: 'vllm',
      command: 'vllm',
      args: [
        'serve',
        'meta-llama/Meta-Llama-3-8B-Instruct',
        '--host',
        '127.0.0.1',
        '--port',
        '8000',
        '--served-model-name',
        'llama-3-instruct',
        '--tensor-parallel-size',
        '2',
      ],
      env: {},
      secretEnv: [],
      port: 8000,
      servedModelName: 'llama-3-instruct',
      readiness: { method: 'GET', path: '/health', expectStatus: 200 },
      stopSignal: 'SIGTERM',
    });
  });

  it('runs the vllm script of the interpreter vLLM was found in, not whichever is first on PATH', () => {
    const venvHost = parseHostInfo({
      ...host,
      engines: { vllm: { version: '0.11', path: '/opt/venv/bin/python', scripts: { vllm: '/opt/venv/bin/vllm' } } },
    });
    const plan = planLaunch(vllmBackend, spec, venvHost);
    expect([plan.command, plan.args[0]]).toEqual(['/opt/venv/bin/vllm', 'serve']);
  });

  it('passes no tensor-parallel flag on a host with one GPU, or when --gpus names one', () => {
    const oneGpu = parseHostInfo({ os: 'linux', arch: 'x64', gpus: [gpu(0)], engines: { vllm: { version: '0.11' } } });
    expect(planLaunch(vllmBackend, spec, oneGpu).args).not.toContain('--tensor-parallel-size');
    expect(planLaunch(vllmBackend, spec, host, { gpus: [1] }).args).not.toContain('--tensor-parallel-size');
    expect(planLaunch(vllmBackend, spec, host, { tensorParallel: 1 }).args).not.toContain('--tensor-parallel-size');
  });

  it('maps every launch option to vLLM’s own flag or variable, extra arguments last', () => {
    const plan = planLaunch(vllmBackend, { ...spec, modelPath: '/models/llama3' }, host, {
      bind: '0.0.0.0',
      port: 9001,
      gpus: [1, 0],
      contextLength: 8192,
      servedName: 'chat',
      extraArgs: ['--enforce-eager', '--dtype', 'half'],
    });
    expect(plan.args).toEqual([
      'serve',
      '/models/llama3',
      '--host',
      '0.0.0.0',
      '--port',
      '9001',
      '--served-model-name',
      'chat',
      '--tensor-parallel-size',
      '2',
      '--max-model-len',
      '8192',
      '--enforce-eager',
      '--dtype',
      'half',
    ]);
    expect(plan.env).toEqual({ CUDA_VISIBLE_DEVICES: '1,0' });
  });

  it('takes --tensor-parallel over the number of GPUs, and refuses more than there are', () => {
    const one = planLaunch(vllmBackend, spec, host, { gpus: [0, 1], tensorParallel: 1 });
    expect(one.args).not.toContain('--tensor-parallel-size');
    expect(() => planLaunch(vllmBackend, spec, host, { tensorParallel: 4 })).toThrow(InvalidInputError);
  });

  it('passes the API key through VLLM_API_KEY, never argv, and masks it', () => {
    const plan = planLaunch(vllmBackend, spec, host, { apiKey: 'sk-secret' });
    expect(plan.env.VLLM_API_KEY).toBe('sk-secret');
    expect(plan.secretEnv).toEqual(['VLLM_API_KEY']);
    expect(plan.args.join(' ')).not.toContain('sk-secret');
    expect(JSON.stringify(maskSecrets(plan))).not.toContain('sk-secret');
  });
});
