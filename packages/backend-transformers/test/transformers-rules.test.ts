import { type HostInfoInput, type ModelSpecInput, parseHostInfo, parseModelSpec } from '@switchyard/core';
import { describe, expect, it } from 'vitest';
import { transformersBackend } from '../src/index.js';

const laptop: HostInfoInput = {
  os: 'win32',
  arch: 'x64',
  engines: { transformers: { version: '5.17.0' }, torch: { version: '2.8.0' } },
};
const model: ModelSpecInput = { modelName: 'phi-3', format: 'pytorch', quantization: 'none' };

const judge = (spec: Partial<ModelSpecInput>, host: Partial<HostInfoInput> = {}) =>
  transformersBackend.matches(parseModelSpec({ ...model, ...spec }), parseHostInfo({ ...laptop, ...host }));

describe('Transformers eligibility', () => {
  it.each([
    ['pytorch, none, CPU-only Windows', { format: 'pytorch' }, {}],
    ['pytorch, 8-bit', { format: 'pytorch', quantization: '8-bit' }, {}],
    ['gptq, Int3', { format: 'gptq', quantization: 'Int3' }, {}],
    ['awq, Int8', { format: 'awq', quantization: 'Int8' }, {}],
    ['bnb, Int4', { format: 'bnb', quantization: 'Int4' }, {}],
    ['an unlisted family on macOS', { modelName: 'my-own-model' }, { os: 'darwin', arch: 'arm64' }],
    ['on Linux with CUDA', {}, { os: 'linux', gpus: [{ index: 0, vendor: 'nvidia', name: 'T4' }] }],
  ] as const)('accepts %s', (_label, spec, host) => {
    expect(judge(spec, host)).toEqual({ eligible: true, reasons: [], failedRules: [] });
  });

  it.each([
    [
      'a GGUF model',
      { format: 'ggufv2', quantization: 'Q4_K_M' },
      {},
      'format',
      'Transformers runs pytorch, gptq, awq and bnb models; this model is ggufv2: use its Hugging Face weights in one of those formats.',
    ],
    [
      'an FP8 model',
      { format: 'fp8' },
      {},
      'format',
      'Transformers runs pytorch, gptq, awq and bnb models; this model is fp8: use its Hugging Face weights in one of those formats.',
    ],
    [
      'transformers missing',
      {},
      { engines: { torch: { version: '2.8.0' } } },
      'installed:transformers',
      'Transformers is not installed: pip install "transformers[serving]"',
    ],
    [
      'torch missing',
      {},
      { engines: { transformers: { version: '5.17.0' } } },
      'installed:torch',
      'Transformers needs torch, which is not installed: pip install torch',
    ],
  ] as const)('refuses %s with its own reason', (_label, spec, host, rule, reason) => {
    expect(judge(spec, host)).toEqual({ eligible: false, reasons: [reason], failedRules: [rule] });
  });

  it('reports every failed rule at once', () => {
    expect(judge({ format: 'mlx', quantization: '4bit' }, { engines: {} }).failedRules).toEqual([
      'format',
      'installed:transformers',
      'installed:torch',
    ]);
  });

  it('is the lowest-priority fallback', () => {
    expect(transformersBackend.priority).toBe(10);
  });
});
