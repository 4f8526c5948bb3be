import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadCatalog } from '@switchyard/core';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from './support/run-cli.js';

const README = readFileSync(join(REPO_ROOT, 'README.md'), 'utf8');

describe('README', () => {
  it('names only models the catalog has, where it names one to run or as an example', async () => {
    const catalog = await loadCatalog();
    // `switchyard select NAME …` (not MODEL, paths, hub ids or the custom model the README defines).
    const run = [...README.matchAll(/switchyard (?:select|plan|launch|engines|deploy|pull) ([a-z][\w.-]*)(?=[\s`])/g)]
      .map((match) => match[1] ?? '')
      .filter((name) => name !== 'my-finetune');
    // The examples of widely used families.
    const listed = README.match(/the widely used ones \(([^)]*)\)/)?.[1]?.split(/,\s*/) ?? [];
    const names = [...run, ...listed.filter((name) => /^[a-z][\w.-]*$/.test(name))];
    expect(names.length).toBeGreaterThan(5);
    expect(names.filter((name) => catalog.get(name) === undefined)).toEqual([]);
  });
});
