import { SGLANG_MODEL_FAMILIES } from '@switchyard/backend-sglang';
import { VLLM_MODEL_FAMILIES } from '@switchyard/backend-vllm';
import { describe, expect, it } from 'vitest';
import { BUILTIN_FAMILIES } from '../../src/catalog/builtin-families.js';
import { CatalogModelSchema } from '../../src/catalog/catalog-schema.js';
import { loadCatalog, parseModelSpec } from '../../src/index.js';

const WIDELY_USED = [
  'qwen3',
  'llama-3.3-instruct',
  'phi-3-mini-4k-instruct',
  'phi-3-mini-128k-instruct',
  'gemma-3-it',
  'deepseek-r1-distill-qwen',
  'deepseek-r1-distill-llama',
];

const HUB_ID = /^[\w.-]+\/[\w.-]+$/;

describe('the builtin catalog data', async () => {
  const catalog = await loadCatalog();

  it('is valid and already normalised: the schema reads every family back unchanged', () => {
    for (const family of BUILTIN_FAMILIES) expect(CatalogModelSchema.parse(family)).toEqual(family);
  });

  it('has each family once, with no family field (builtins are their own family)', () => {
    const names = BUILTIN_FAMILIES.map((family) => family.modelName.toLowerCase());
    expect(new Set(names).size).toBe(names.length);
    expect(BUILTIN_FAMILIES.filter((family) => family.modelFamily !== undefined)).toEqual([]);
  });

  it.each([
    ['vLLM', VLLM_MODEL_FAMILIES],
    ['SGLang', SGLANG_MODEL_FAMILIES],
    ['widely used', WIDELY_USED],
  ])('covers every family of the %s list', (_list, families) => {
    const missing = families.filter((name) => catalog.get(name) === undefined);
    expect(missing).toEqual([]);
  });

  it('says where every spec lives: a Hugging Face id, and a .gguf file for GGUF', () => {
    for (const model of catalog.list()) {
      for (const entry of catalog.entries(model)) {
        expect(entry.modelSpec.hubId).toMatch(HUB_ID);
        // Split files are named `….gguf-00001-of-00002` or `….gguf.a` by some publishers.
        if (entry.spec.format === 'ggufv2') expect(entry.fileName).toMatch(/\.gguf/);
        expect(entry.fileName ?? '').not.toContain('{');
      }
    }
  });

  it('points split GGUF models at their first part', async () => {
    const qwen = catalog.require('qwen2.5-instruct');
    const split = catalog.entries(qwen).find((e) => e.spec.quantizationParts?.[e.quantization] !== undefined);
    expect(split?.fileName).toMatch(/-00001-of-\d{5}\.gguf$/);
  });

  it('enumerates every spec as a model spec the schema would produce itself', () => {
    const specs = catalog.modelSpecs();
    const entries = catalog.list().reduce((sum, model) => sum + catalog.entries(model).length, 0);
    expect(specs).toHaveLength(entries);
    for (const spec of specs) expect(parseModelSpec(spec)).toEqual(spec);
  });
});
