import { readFileSync } from 'node:fs';
import { SGLANG_MODEL_FAMILIES } from '@switchyard/backend-sglang';
import { VLLM_MODEL_FAMILIES } from '@switchyard/backend-vllm';
import { describe, expect, it } from 'vitest';

// The seed (test/fixtures/seed/backends.txt, Xinference's backend guide, kept verbatim) is where the
// plugins' model lists come from. This compares them entry by entry, in both directions, so that an
// entry dropped, added or misspelt on either side is named.

const SEED = readFileSync(new URL('./fixtures/seed/backends.txt', import.meta.url), 'utf8');

/** The seed's sections by heading (`vLLM#`, `SGLang#`, …), each the lines under it. */
function sections(text: string): Map<string, string[]> {
  const byHeading = new Map<string, string[]>();
  let current: string[] = [];
  for (const line of text.split('\n')) {
    const heading = /^(\S.*)#$/.exec(line);
    if (heading?.[1]) {
      current = [];
      byHeading.set(heading[1], current);
    } else current.push(line);
  }
  return byHeading;
}

/** The models a section lists: the comma-separated bullets after "supported model includes:". */
function modelList(lines: readonly string[]): string[] {
  const start = lines.findIndex((line) => /supported models? includes?:/i.test(line));
  if (start < 0) return [];
  return lines
    .slice(start + 1)
    .map((line) => /^\s*•\s*(.+)$/.exec(line)?.[1])
    .filter((bullet): bullet is string => bullet !== undefined)
    .flatMap((bullet) => bullet.split(','))
    .map((entry) => entry.trim())
    .filter((entry) => entry !== '');
}

/** Entries of `a` that `b` lacks, compared as the rules compare them (case-insensitively). */
const missingFrom = (a: readonly string[], b: readonly string[]) => {
  const lower = new Set(b.map((entry) => entry.toLowerCase()));
  return a.filter((entry) => !lower.has(entry.toLowerCase()));
};

const duplicates = (list: readonly string[]) =>
  list.filter((entry, i) => list.findIndex((other) => other.toLowerCase() === entry.toLowerCase()) !== i);

const seed = sections(SEED);

describe('the seed text', () => {
  it('has the sections the plugins are read from', () => {
    expect([...seed.keys()]).toEqual(['Backends', 'llama.cpp', 'transformers', 'vLLM', 'SGLang', 'MLX']);
  });
});

describe('vLLM families against the seed', () => {
  const seedList = modelList(seed.get('vLLM') ?? []);

  it('reads the seed’s vLLM list', () => {
    expect(seedList.length).toBeGreaterThan(50);
    expect(seedList).toContain('c4ai-command-r-v01');
    expect(duplicates(seedList)).toEqual([]);
  });

  it('holds every seed entry, spelt as the seed spells it', () => {
    expect(
      missingFrom(seedList, VLLM_MODEL_FAMILIES).map((entry) => `in the seed, not in the plugin: ${entry}`),
    ).toEqual([]);
    const spelling = VLLM_MODEL_FAMILIES.filter(
      (entry) => !seedList.includes(entry) && seedList.some((s) => s.toLowerCase() === entry.toLowerCase()),
    );
    expect(spelling.map((entry) => `spelt differently from the seed: ${entry}`)).toEqual([]);
  });

  it('holds nothing the seed does not list (the plugin documents no additions)', () => {
    expect(
      missingFrom(VLLM_MODEL_FAMILIES, seedList).map((entry) => `in the plugin, not in the seed: ${entry}`),
    ).toEqual([]);
    expect(duplicates(VLLM_MODEL_FAMILIES)).toEqual([]);
  });
});

describe('SGLang families against the seed', () => {
  it('finds no SGLang model list in the seed: its SGLang section only describes the engine', () => {
    // When the seed gains a list, compare it here entry by entry as for vLLM.
    expect(modelList(seed.get('SGLang') ?? [])).toEqual([]);
  });

  it('keeps every plugin entry, all documented in model-families.ts as from Xinference’s SGLang module', () => {
    // None comes from the seed; those the seed's vLLM list shares are no evidence for SGLang.
    const source = readFileSync(new URL('../packages/backend-sglang/src/model-families.ts', import.meta.url), 'utf8');
    expect(source).toMatch(/not from the seed/);
    expect(source).toMatch(/xinference\/model\/llm\/sglang\/core\.py/);
    expect(duplicates(SGLANG_MODEL_FAMILIES)).toEqual([]);
  });
});
