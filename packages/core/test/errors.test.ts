import { describe, expect, it } from 'vitest';
import { InvalidInputError, isSwitchyardError, SwitchyardError } from '../src/index.js';

describe('SwitchyardError', () => {
  it('carries a stable code and a hint, and describes itself with both', () => {
    const error = new SwitchyardError('SOMETHING', 'It broke.', { hint: 'Do this next.' });
    expect(error.code).toBe('SOMETHING');
    expect(error.name).toBe('SwitchyardError');
    expect(error.describe()).toBe('It broke.\nDo this next.');
    expect(new InvalidInputError('x', [{ field: 'a', message: 'b' }]).name).toBe('InvalidInputError');
  });

  it('is recognised when it comes from another copy of @switchyard/core, and not otherwise', () => {
    // What a plugin that bundles its own core throws: same brand, different class identity.
    class ForeignError extends Error {
      readonly code = 'FOREIGN';
      constructor() {
        super('from a bundled copy');
        Object.defineProperty(this, Symbol.for('switchyard.error'), { value: true });
      }
    }
    expect(isSwitchyardError(new ForeignError())).toBe(true);
    expect(isSwitchyardError(new Error('plain'))).toBe(false);
    expect(isSwitchyardError({ code: 'X' })).toBe(false);
  });
});

describe('InvalidInputError', () => {
  it('lists the first 20 problems and counts the rest, keeping them all for programs', () => {
    const problems = Array.from({ length: 25_000 }, (_, i) => ({ field: `gpus.${i}`, message: 'bad' }));
    const error = new InvalidInputError('host file', problems);
    expect(error.message.split('\n')).toHaveLength(1 + 20 + 1);
    expect(error.message).toMatch(/\n {2}gpus\.19: bad\n {2}… and 24,980 more \(25,000 in all\)$/);
    expect(error.problems).toHaveLength(25_000);
  });
});
