import { describe, expect, it } from 'vitest';
import { BUILTIN_FAMILIES } from '../../src/catalog/builtin-families.js';
import { catalogArchitecture, catalogArchitectureKeys } from '../../src/fit/catalog-architectures.js';

describe('the builtin catalog architecture table', () => {
  const sizesOf = new Map(BUILTIN_FAMILIES.map((m) => [m.modelName, new Set(m.specs.map((s) => s.sizeInBillions))]));

  it('names only families the catalog has', () => {
    const strays = catalogArchitectureKeys().filter(([name]) => !sizesOf.has(name));
    expect(strays).toEqual([]);
  });

  it('describes every size of every builtin family, except sizes no published config matches', () => {
    const missing = BUILTIN_FAMILIES.flatMap((model) =>
      [...new Set(model.specs.map((s) => s.sizeInBillions))]
        .filter((size) => catalogArchitecture(model.modelName, size) === undefined)
        .map((size) => `${model.modelName} ${size}B`),
    );
    // Xinference lists a 1.5B GGUF under the Llama distills; DeepSeek published none.
    expect(missing).toEqual(['deepseek-r1-distill-llama 1.5B']);
  });

  it('names the repository each figure comes from, and keeps within the catalog context', () => {
    for (const [name, size] of catalogArchitectureKeys()) {
      const facts = catalogArchitecture(name, size);
      expect(facts?.source).toMatch(/^config\.json of [\w.-]+\/[\w.-]+$/);
      expect(facts?.kvHeads).toBeLessThanOrEqual(facts?.attentionHeads ?? 0);
      expect((facts?.attentionHeads ?? 0) % (facts?.kvHeads ?? 1)).toBe(0);
    }
  });
});
