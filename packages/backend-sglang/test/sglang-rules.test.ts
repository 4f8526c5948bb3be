import { type HostInfoInput, type ModelSpecInput, parseHostInfo, parseModelSpec } from '@switchyard/core';
import { describe, expect, it } from 'vitest';
import { SGLANG_ARCHITECTURES, SGLANG_MODEL_FAMILIES, sglangBackend, sglangRuntime } from '../src/index.js';

const linuxCuda: HostInfoInput = {
  os: 'linux',
  arch: 'x64',
  gpus: [{ index: 0, vendor: 'nvidia', name: 'L40S' }],
  engines: { sglang: { version: '0.5.2' } },
};
const model: ModelSpecInput = { modelName: 'mixtral-v0.1', format: 'pytorch', quantization: 'none' };

const judge = (spec: Partial<ModelSpecInput>, host: Partial<HostInfoInput> = {}) =>
  sglangBackend.matches(parseModelSpec({ ...model, ...spec }), parseHostInfo({ ...linuxCuda, ...host }));

describe('SGLang eligibility', () => {
  it.each([
    ['pytorch, none', { format: 'pytorch', quantization: 'none' }],
    ['awq, Int4', { format: 'awq', quantization: '4bit' }],
    ['gptq, Int4', { format: 'gptq', quantization: 'Int4' }],
  ] as const)('accepts %s on Linux with CUDA', (_label, spec) => {
    expect(judge(spec)).toEqual({ eligible: true, reasons: [], failedRules: [] });
  });

  it.each([
    [
      'a GGUF model',
      { format: 'ggufv2', quantization: 'Q4_K_M' },
      {},
      'format',
      'SGLang runs pytorch, gptq and awq models; this model is ggufv2: use its Hugging Face weights in one of those formats.',
    ],
    [
      'a bitsandbytes model',
      { format: 'bnb', quantization: 'Int4' },
      {},
      'format',
      'SGLang runs pytorch, gptq and awq models; this model is bnb: use its Hugging Face weights in one of those formats.',
    ],
    [
      'a quantized PyTorch model',
      { format: 'pytorch', quantization: '8-bit' },
      {},
      'quantization',
      'SGLang needs quantization none for pytorch models; this model has 8-bit.',
    ],
    [
      'an Int3 GPTQ model (which vLLM takes)',
      { format: 'gptq', quantization: 'Int3' },
      {},
      'quantization',
      'SGLang needs quantization Int4 for gptq models; this model has Int3.',
    ],
    [
      'an Int8 AWQ model',
      { format: 'awq', quantization: 'Int8' },
      {},
      'quantization',
      'SGLang needs quantization Int4 for awq models; this model has Int8.',
    ],
    ['macOS', {}, { os: 'darwin', arch: 'arm64' }, 'os', 'SGLang needs Linux; this host runs darwin.'],
    ['no GPU', {}, { gpus: [] }, 'cuda-device', 'SGLang needs at least one NVIDIA CUDA GPU; this host has no GPU.'],
    [
      'only an Apple GPU',
      {},
      { gpus: [{ index: 0, vendor: 'apple', name: 'M3 Max' }] },
      'cuda-device',
      'SGLang needs at least one NVIDIA CUDA GPU; this host has only apple M3 Max.',
    ],
    [
      'a family only vLLM lists',
      { modelName: 'Yi-1.5-chat' },
      {},
      'model-support',
      'SGLang does not support model family "Yi-1.5-chat": it is not among the 33 families SGLang lists; use another engine, a model of a listed family, or declare the model\'s architectures (as its config.json names them).',
    ],
    ['sglang missing', {}, { engines: {} }, 'installed:sglang', 'SGLang is not installed: pip install sglang'],
  ] as const)('refuses %s with its own reason', (_label, spec, host, rule, reason) => {
    expect(judge(spec, host)).toEqual({ eligible: false, reasons: [reason], failedRules: [rule] });
  });

  it('reports every failed rule at once', () => {
    const verdict = judge({ modelName: 'phi-3', format: 'gptq', quantization: 'Int8' }, { os: 'win32', engines: {} });
    expect(verdict.failedRules).toEqual(['quantization', 'os', 'model-support', 'installed:sglang']);
  });

  it('lists the 33 families of SGLang’s rule, matched case-insensitively, custom models by family', () => {
    expect(new Set(SGLANG_MODEL_FAMILIES.map((f) => f.toLowerCase())).size).toBe(SGLANG_MODEL_FAMILIES.length);
    expect(SGLANG_MODEL_FAMILIES).toHaveLength(33);
    for (const family of ['qwq-32b', 'DeepSeek-R1', 'qwen3', 'gemma-3-1b-it', 'llama-3.3-instruct']) {
      expect(judge({ modelName: family }).eligible).toBe(true);
    }
    expect(judge({ modelName: 'my-mixtral', modelFamily: 'Mixtral-v0.1' }).eligible).toBe(true);
  });

  it('judges a model that declares its architectures by SGLang’s registry', () => {
    expect(
      judge({ modelName: 'my-finetune', modelFamily: 'Yi-1.5-chat', architectures: ['LlamaForCausalLM'] }).eligible,
    ).toBe(true);
    expect(judge({ architectures: ['FooForCausalLM'] }).reasons).toEqual([
      "SGLang does not support FooForCausalLM: SGLang's model registry does not list it (as of SGLang 0.5.6).",
    ]);
    // SGLang 0.4.6 added Qwen3 (python/sglang/srt/models/qwen3.py's EntryClass at that release).
    expect(SGLANG_ARCHITECTURES.since.Qwen3ForCausalLM).toBe('0.4.6');
    expect(
      judge({ architectures: ['Qwen3ForCausalLM'] }, { engines: { sglang: { version: '0.4.5' } } }).reasons,
    ).toEqual([
      'SGLang 0.4.5 does not support Qwen3ForCausalLM: SGLang 0.4.6 added it; upgrade (pip install -U sglang).',
    ]);
  });

  it('sits just below vLLM', () => {
    expect(sglangBackend.priority).toBe(90);
  });
});

describe('SGLang’s installed registry, as host detection reads it', () => {
  it('takes each model file’s EntryClass, one class or a list', () => {
    // The shapes of sglang/srt/models/*.py: a single class, or a list over several lines.
    expect(
      sglangRuntime.modelRegistry?.architecturesIn(
        'class Qwen2ForCausalLM:\n    pass\n\nEntryClass = Qwen2ForCausalLM\n',
      ),
    ).toEqual(['Qwen2ForCausalLM']);
    expect(
      sglangRuntime.modelRegistry?.architecturesIn(
        'EntryClass = [\n    LlavaLlamaForCausalLM,\n    LlavaQwenForCausalLM,\n]\n',
      ),
    ).toEqual(['LlavaLlamaForCausalLM', 'LlavaQwenForCausalLM']);
    expect(sglangRuntime.modelRegistry?.files).toEqual(['srt/models/*.py']);
  });
});
