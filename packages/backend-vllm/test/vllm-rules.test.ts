import {
  compareVersions,
  type HostInfoInput,
  type ModelSpecInput,
  parseHostInfo,
  parseModelSpec,
} from '@switchyard/core';
import { describe, expect, it } from 'vitest';
import { VLLM_ARCHITECTURES, VLLM_MODEL_FAMILIES, vllmBackend, vllmRuntime } from '../src/index.js';

const A100 = { index: 0, vendor: 'nvidia', name: 'A100' } as const;
const linuxCuda: HostInfoInput = { os: 'linux', arch: 'x64', gpus: [A100], engines: { vllm: { version: '0.11.0' } } };
const model: ModelSpecInput = { modelName: 'llama-3-instruct', format: 'pytorch', quantization: 'none' };

const judge = (spec: Partial<ModelSpecInput>, host: Partial<HostInfoInput> = {}) =>
  vllmBackend.matches(parseModelSpec({ ...model, ...spec }), parseHostInfo({ ...linuxCuda, ...host }));

describe('vLLM eligibility (the seed rule)', () => {
  it.each([
    ['pytorch, none', { format: 'pytorch', quantization: 'none' }],
    ['awq, Int4', { format: 'awq', quantization: 'Int4' }],
    ['gptq, Int3', { format: 'gptq', quantization: 'Int3' }],
    ['gptq, Int4', { format: 'gptq', quantization: 'int4' }],
    ['gptq, Int8', { format: 'gptq', quantization: '8bit' }],
  ] as const)('accepts %s on Linux with CUDA', (_label, spec) => {
    expect(judge(spec)).toEqual({ eligible: true, reasons: [], failedRules: [] });
  });

  it.each([
    [
      'a GGUF model',
      { format: 'ggufv2', quantization: 'Q4_K_M' },
      {},
      'format',
      'vLLM runs pytorch, gptq and awq models; this model is ggufv2: use its Hugging Face weights in one of those formats.',
    ],
    [
      'an MLX model',
      { format: 'mlx', quantization: '4bit' },
      {},
      'format',
      'vLLM runs pytorch, gptq and awq models; this model is mlx: use its Hugging Face weights in one of those formats.',
    ],
    [
      'a quantized PyTorch model',
      { format: 'pytorch', quantization: '4-bit' },
      {},
      'quantization',
      'vLLM needs quantization none for pytorch models; this model has 4-bit.',
    ],
    [
      'an Int8 AWQ model',
      { format: 'awq', quantization: 'Int8' },
      {},
      'quantization',
      'vLLM needs quantization Int4 for awq models; this model has Int8.',
    ],
    [
      'an Int2 GPTQ model',
      { format: 'gptq', quantization: 'Int2' },
      {},
      'quantization',
      'vLLM needs quantization Int3, Int4 or Int8 for gptq models; this model has Int2.',
    ],
    ['macOS', {}, { os: 'darwin', arch: 'arm64' }, 'os', 'vLLM needs Linux; this host runs darwin.'],
    ['Windows', {}, { os: 'win32' }, 'os', 'vLLM needs Linux; this host runs win32.'],
    ['no GPU', {}, { gpus: [] }, 'cuda-device', 'vLLM needs at least one NVIDIA CUDA GPU; this host has no GPU.'],
    [
      'only an AMD GPU',
      {},
      { gpus: [{ index: 0, vendor: 'amd', name: 'Radeon PRO W7900' }] },
      'cuda-device',
      'vLLM needs at least one NVIDIA CUDA GPU; this host has only amd Radeon PRO W7900.',
    ],
    [
      'an unlisted family',
      { modelName: 'phi-3' },
      {},
      'model-support',
      'vLLM does not support model family "phi-3": it is not among the 60 families vLLM lists; use another engine, a model of a listed family, or declare the model\'s architectures (as its config.json names them).',
    ],
    ['vllm missing', {}, { engines: {} }, 'installed:vllm', 'vLLM is not installed: pip install vllm'],
  ] as const)('refuses %s with its own reason', (_label, spec, host, rule, reason) => {
    expect(judge(spec, host)).toEqual({ eligible: false, reasons: [reason], failedRules: [rule] });
  });

  it('reports every failed rule at once, in rule order', () => {
    const verdict = judge(
      { modelName: 'phi-3', format: 'awq', quantization: 'Int8' },
      { os: 'darwin', arch: 'arm64', gpus: [], engines: {} },
    );
    expect(verdict.failedRules).toEqual(['quantization', 'os', 'cuda-device', 'model-support', 'installed:vllm']);
    expect(verdict.reasons).toHaveLength(5);
  });

  it('judges a custom model by its family, case-insensitively', () => {
    expect(judge({ modelName: 'my-finetune', modelFamily: 'QWEN2.5-INSTRUCT' }).eligible).toBe(true);
    expect(judge({ modelName: 'qwen2.5-instruct', modelFamily: 'phi-3' }).failedRules).toEqual(['model-support']);
  });

  // The list itself is compared with the seed, entry by entry, in test/seed-model-lists.test.ts.
  it('accepts each listed family whatever its case', () => {
    for (const family of VLLM_MODEL_FAMILIES) {
      expect(judge({ modelName: family.toUpperCase() }).eligible).toBe(true);
    }
  });

  describe('by architecture, for models that declare theirs (model folders, custom models)', () => {
    it('accepts a model of no listed family whose architecture vLLM’s registry lists', () => {
      expect(
        judge({ modelName: 'my-finetune', modelFamily: 'my-family', architectures: ['LlamaForCausalLM'] }),
      ).toEqual({
        eligible: true,
        reasons: [],
        failedRules: [],
      });
    });

    it('judges a declared architecture even when the family is listed', () => {
      const verdict = judge({ modelName: 'llama-3-instruct', architectures: ['FooForCausalLM'] });
      expect(verdict.reasons).toEqual([
        "vLLM does not support FooForCausalLM: vLLM's model registry does not list it (as of vLLM 0.11.0).",
      ]);
      expect(verdict.failedRules).toEqual(['model-support']);
    });

    it('needs every declared architecture', () => {
      expect(judge({ architectures: ['LlamaForCausalLM', 'FooForCausalLM'] }).eligible).toBe(false);
    });

    // vLLM 0.8.4's release added Qwen3 and Qwen3-MoE (its release notes; registry.py at that release).
    it('says which vLLM added an architecture the installed one predates', () => {
      const old = { engines: { vllm: { version: '0.6.3' } } };
      expect(judge({ architectures: ['Qwen3ForCausalLM'] }, old).reasons).toEqual([
        'vLLM 0.6.3 does not support Qwen3ForCausalLM: vLLM 0.8.4 added it; upgrade (pip install -U vllm).',
      ]);
      expect(
        judge({ architectures: ['Qwen3ForCausalLM'] }, { engines: { vllm: { version: '0.8.4+cu128' } } }).eligible,
      ).toBe(true);
      expect(judge({ architectures: ['Qwen2ForCausalLM'] }, old).eligible).toBe(true);
    });

    it('trusts the installed engine’s own registry where host detection read it', () => {
      const installed = {
        engines: { vllm: { version: '0.11.0', architectures: ['LlamaForCausalLM', 'BrandNewForCausalLM'] } },
      };
      expect(judge({ architectures: ['BrandNewForCausalLM'] }, installed).eligible).toBe(true);
      expect(judge({ architectures: ['Qwen2ForCausalLM'] }, installed).reasons).toEqual([
        'vLLM 0.11.0 does not support Qwen2ForCausalLM: its model registry does not list it.',
      ]);
    });

    it('ships vLLM’s registry with the release that added each architecture', () => {
      const { asOf, since } = VLLM_ARCHITECTURES;
      expect(asOf).toBe('0.11.0');
      // First releases: LLaMA with vLLM's first (0.1.0), Qwen2 in 0.3.0, Gemma 3 in 0.8.0.
      expect(since).toMatchObject({ LlamaForCausalLM: '0.1.0', Qwen2ForCausalLM: '0.3.0', Gemma3ForCausalLM: '0.8.0' });
      for (const version of Object.values(since)) expect(compareVersions(version, asOf)).toBeLessThanOrEqual(0);
    });
  });

  it('ranks above every other first-party engine', () => {
    expect(vllmBackend.priority).toBe(100);
    expect(vllmBackend.name).toBe('vllm');
  });
});

describe('vLLM’s installed registry, as host detection reads it', () => {
  it('takes the keys of registry.py’s model tables, not the models vLLM dropped', () => {
    // The shapes of vllm/model_executor/models/registry.py: one-line and wrapped entries, and
    // _PREVIOUSLY_SUPPORTED_MODELS, which maps a dropped architecture to the release that dropped it.
    const source = [
      '_TEXT_GENERATION_MODELS = {',
      '    # [Decoder-only]',
      '    "AquilaModel": ("llama", "LlamaForCausalLM"),',
      '    "Qwen2ForCausalLM": ("qwen2", "Qwen2ForCausalLM"),',
      '}',
      '_MULTIMODAL_MODELS = {',
      '    "LlavaNextForConditionalGeneration": (',
      '        "llava_next",',
      '        "LlavaNextForConditionalGeneration",',
      '    ),',
      '}',
      '_PREVIOUSLY_SUPPORTED_MODELS = {"Phi3SmallForCausalLM": "0.9.2"}',
    ].join('\n');
    expect(vllmRuntime.modelRegistry?.architecturesIn(source)).toEqual([
      'AquilaModel',
      'Qwen2ForCausalLM',
      'LlavaNextForConditionalGeneration',
    ]);
  });
});
