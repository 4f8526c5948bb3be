import { type HostInfoInput, loadCatalog, parseHostInfo, parseModelSpec, planLaunch } from '@switchyard/core';
import { describe, expect, it } from 'vitest';
import { llamaCppBackend } from '../src/index.js';

const host = (input: Partial<HostInfoInput>) => parseHostInfo({ os: 'linux', arch: 'x64', ...input });
const gguf = parseModelSpec({ modelName: 'tiny', format: 'ggufv2', quantization: 'Q4_K_M', modelPath: '/m/tiny.gguf' });
const installed = { version: '1' };

describe('llama.cpp eligibility', () => {
  it.each([
    ['llama-server', { os: 'darwin', arch: 'arm64', gpus: [{ index: 0, vendor: 'apple', name: 'M3' }] }],
    ['llama-cpp-python', { os: 'win32' }],
    ['node-llama-cpp', { os: 'linux', gpus: [{ index: 0, vendor: 'nvidia', name: 'A100' }] }],
    ['node-llama-cpp', { os: 'linux', arch: 'arm64' }],
  ] as const)('runs GGUF with %s on %j', (runtime, where) => {
    expect(llamaCppBackend.matches(gguf, host({ ...where, engines: { [runtime]: installed } }))).toEqual({
      eligible: true,
      reasons: [],
      failedRules: [],
    });
  });

  it('refuses a GGML (ggmlv3) model, saying it must be converted to GGUF and how', () => {
    const ggml = parseModelSpec({ modelName: 'old', format: 'ggmlv3', quantization: 'q4_0' });
    const verdict = llamaCppBackend.matches(ggml, host({ engines: { 'llama-server': installed } }));
    expect(verdict.failedRules).toEqual(['format']);
    expect(verdict.reasons[0]).toMatch(/GGML files \(ggmlv3\) no longer load in llama\.cpp/);
    expect(verdict.reasons[0]).toMatch(/convert .* to GGUF .*convert_llama_ggml_to_gguf\.py.*or download a GGUF/);
  });

  it.each(['pytorch', 'gptq', 'awq', 'mlx'])('refuses %s models, naming the format it runs', (format) => {
    const spec = parseModelSpec({ modelName: 'm', format, quantization: format === 'pytorch' ? 'none' : '4bit' });
    const verdict = llamaCppBackend.matches(spec, host({ engines: { 'node-llama-cpp': installed } }));
    expect(verdict.reasons).toEqual([
      `llama.cpp runs ggufv2 models; this model is ${format}: use a GGUF build of the model, or convert it with llama.cpp's convert_hf_to_gguf.py.`,
    ]);
  });

  it('refuses a host with no runtime, naming all three and how to install each', () => {
    const verdict = llamaCppBackend.matches(gguf, host({ engines: { vllm: installed } }));
    expect(verdict.failedRules).toEqual(['installed:llama.cpp-runtime']);
    const [reason] = verdict.reasons;
    expect(reason).toContain(
      'llama-server (brew install llama.cpp, or put llama-server from a llama.cpp release on PATH)',
    );
    expect(reason).toContain("llama-cpp-python (pip install 'llama-cpp-python[server]')");
    expect(reason).toContain('node-llama-cpp (npm install node-llama-cpp');
  });

  it('refuses a catalog GGUF that is only on the hub where no runtime downloads, naming the file to fetch', async () => {
    const catalog = await loadCatalog();
    const entry = catalog
      .entries(catalog.require('qwen2.5-instruct'))
      .find((e) => e.modelSpec.format === 'ggufv2' && e.fileName !== undefined);
    if (!entry?.fileName || !entry.modelSpec.hubId)
      throw new Error('the catalog has no hub GGUF spec of qwen2.5-instruct');
    const { modelSpec } = entry;
    const embeddedOnly = host({ engines: { 'node-llama-cpp': installed } });
    const verdict = llamaCppBackend.matches(modelSpec, embeddedOnly);
    expect(verdict.failedRules).toEqual(['loadable']);
    expect(verdict.reasons[0]).toContain(`Download ${entry.fileName} from https://huggingface.co/${modelSpec.hubId}`);
    // Where it is eligible, a plan can be made.
    const withServer = host({ engines: { 'node-llama-cpp': installed, 'llama-server': installed } });
    expect(llamaCppBackend.matches(modelSpec, withServer).eligible).toBe(true);
    expect(planLaunch(llamaCppBackend, modelSpec, withServer)?.command).toBe('llama-server');
  });

  it('reports every failed rule at once', () => {
    const spec = parseModelSpec({ modelName: 'old', format: 'ggmlv3' });
    expect(llamaCppBackend.matches(spec, host({})).failedRules).toEqual(['format', 'installed:llama.cpp-runtime']);
  });

  it('has priority 70 and its own name', () => {
    expect(llamaCppBackend).toMatchObject({ name: 'llamacpp', displayName: 'llama.cpp', priority: 70 });
  });
});
