import { type HostInfoInput, type ModelSpecInput, parseHostInfo, parseModelSpec } from '@switchyard/core';
import { describe, expect, it } from 'vitest';
import { mlxBackend } from '../src/index.js';

const appleSilicon: HostInfoInput = {
  os: 'darwin',
  arch: 'arm64',
  gpus: [{ index: 0, vendor: 'apple', name: 'Apple M2 Pro' }],
  engines: { 'mlx-lm': { version: '0.31.3' } },
};
const model: ModelSpecInput = { modelName: 'qwen2.5-instruct', format: 'mlx', quantization: '4bit' };

const judge = (spec: Partial<ModelSpecInput>, host: Partial<HostInfoInput> = {}) =>
  mlxBackend.matches(parseModelSpec({ ...model, ...spec }), parseHostInfo({ ...appleSilicon, ...host }));

describe('MLX eligibility', () => {
  it('accepts an MLX model of any family and bit width on an Apple-silicon Mac with mlx-lm', () => {
    expect(judge({})).toEqual({ eligible: true, reasons: [], failedRules: [] });
    expect(judge({ modelName: 'anything-at-all', quantization: '8bit' }).eligible).toBe(true);
  });

  it.each([
    [
      'a PyTorch model',
      { format: 'pytorch', quantization: 'none' },
      {},
      'format',
      'MLX runs mlx models; this model is pytorch: use an MLX build of the model (mlx-community publishes many) or convert it with mlx_lm.convert.',
    ],
    ['Linux on arm64', {}, { os: 'linux' }, 'os', 'MLX needs macOS; this host runs linux.'],
    ['an Intel Mac', {}, { arch: 'x64' }, 'apple-silicon', "MLX needs Apple silicon (arm64); this host's CPU is x64."],
    [
      'mlx-lm missing',
      {},
      { engines: {} },
      'installed:mlx-lm',
      'MLX needs mlx-lm, which is not installed: pip install mlx-lm',
    ],
  ] as const)('refuses %s with its own reason', (_label, spec, host, rule, reason) => {
    expect(judge(spec, host)).toEqual({ eligible: false, reasons: [reason], failedRules: [rule] });
  });

  it('reports every failed rule at once', () => {
    const verdict = judge({ format: 'ggufv2', quantization: 'Q4_0' }, { os: 'win32', arch: 'x64', engines: {} });
    expect(verdict.failedRules).toEqual(['format', 'os', 'apple-silicon', 'installed:mlx-lm']);
  });

  it('ranks between SGLang and llama.cpp', () => {
    expect(mlxBackend.priority).toBe(80);
  });
});
