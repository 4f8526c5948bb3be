import { type LaunchOptionsInput, parseHostInfo, parseModelSpec, planLaunch } from '@switchyard/core';
import { describe, expect, it } from 'vitest';
import { mlxBackend } from '../src/index.js';

const host = parseHostInfo({
  os: 'darwin',
  arch: 'arm64',
  engines: { 'mlx-lm': { version: '0.31.3', path: '/Users/me/.venv/bin/python' } },
});
const spec = parseModelSpec({
  modelName: 'qwen2.5-instruct',
  format: 'mlx',
  quantization: '4bit',
  hubId: 'mlx-community/Qwen2.5-7B-Instruct-4bit',
});
const plan = (options: LaunchOptionsInput = {}) => planLaunch(mlxBackend, spec, host, options);

describe('MLX launch plan', () => {
  it('runs mlx_lm.server with the interpreter mlx-lm was found in, on its default port', () => {
    expect(plan()).toMatchObject({
      backend: 'mlx',
      runtime: 'mlx-lm',
      command: '/Users/me/.venv/bin/python',
      args: [
        '-m',
        'mlx_lm.server',
        '--model',
        'mlx-community/Qwen2.5-7B-Instruct-4bit',
        '--host',
        '127.0.0.1',
        '--port',
        '8080',
      ],
      env: {},
      secretEnv: [],
      port: 8080,
      servedModelName: 'mlx-community/Qwen2.5-7B-Instruct-4bit',
    });
  });

  it('probes readiness with a one-token completion, since /health answers before the model loads', () => {
    expect(plan().readiness).toEqual({
      method: 'POST',
      path: '/v1/completions',
      // Naming no model asks for the one of the command line, with its --adapter-path.
      body: { prompt: 'Hi', max_tokens: 1 },
      expectStatus: 200,
      note: expect.any(String),
    });
  });

  it('stops with SIGINT: the server has no SIGTERM handler', () => {
    expect(plan().stopSignal).toBe('SIGINT');
  });

  it('passes bind, port, --python and extra arguments through', () => {
    const result = plan({ bind: '0.0.0.0', port: 9090, python: 'python3.12', extraArgs: ['--max-tokens', '2048'] });
    expect(result.command).toBe('python3.12');
    expect(result.args.slice(4)).toEqual(['--host', '0.0.0.0', '--port', '9090', '--max-tokens', '2048']);
  });

  it('falls back to python3 when detection recorded no interpreter', () => {
    const bare = parseHostInfo({ os: 'darwin', arch: 'arm64', engines: { 'mlx-lm': { version: '0.31.3' } } });
    expect(planLaunch(mlxBackend, spec, bare).command).toBe('python3');
  });

  it.each([
    ['apiKey', { apiKey: 'sk-secret' }, /no API key support/],
    ['gpus', { gpus: [0] }, /cannot pick devices/],
    ['tensorParallel', { tensorParallel: 2 }, /mlx\.launch/],
    ['contextLength', { contextLength: 8192 }, /drop `contextLength`/],
    ['servedName', { servedName: 'qwen' }, /drop `servedName`/],
  ] as const)('refuses %s instead of dropping it', (field, options, message) => {
    expect(() => plan(options)).toThrow(
      expect.objectContaining({
        code: 'INVALID_INPUT',
        problems: [expect.objectContaining({ field, message: expect.stringMatching(message) })],
      }),
    );
  });
});
