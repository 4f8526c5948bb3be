import { compareVersions } from '@switchyard/core';
import { describe, expect, it } from 'vitest';

describe('compareVersions (engine releases as pip orders them)', () => {
  it.each([
    ['0.6.3', '0.6.10'],
    ['0.6.3', '0.6.3.post1'],
    ['0.7.0rc1', '0.7.0'],
    ['0.7.0.dev12', '0.7.0'],
    ['0.9.2', '0.10.0'],
    ['0.4.6', '0.4.6.post5'],
  ])('%s comes before %s', (older, newer) => {
    expect(compareVersions(older, newer)).toBeLessThan(0);
    expect(compareVersions(newer, older)).toBeGreaterThan(0);
  });

  it('ignores a local build tag and a leading v', () => {
    expect(compareVersions('0.8.4+cu128', '0.8.4')).toBe(0);
    expect(compareVersions('v0.11.0', '0.11')).toBe(0);
  });
});
