import { describe, expect, it } from 'vitest';
import { admit, type LoadedEngine } from '../src/memory/admission.js';

const GiB = 2 ** 30;
const engine = (name: string, gib: number, lastUsed: number, busy = false): LoadedEngine => ({
  name,
  need: { 'gpu:0': gib * GiB },
  busy,
  evictable: true,
  lastUsed,
});
const limits = { capacity: { 'gpu:0': 24 * GiB } };

describe('admit', () => {
  it('admits what fits beside the loaded engines, evicting nothing', () => {
    expect(admit({ 'gpu:0': 8 * GiB }, [engine('a', 8, 1), engine('b', 8, 2)], limits)).toEqual({
      kind: 'admit',
      evict: [],
    });
  });

  it('evicts idle engines least recently used first, and only as many as it takes', () => {
    const loaded = [engine('newest', 8, 3), engine('oldest', 8, 1), engine('middle', 8, 2)];
    expect(admit({ 'gpu:0': 10 * GiB }, loaded, limits)).toEqual({ kind: 'admit', evict: ['oldest', 'middle'] });
  });

  it('never evicts a busy engine, nor one that is starting or stopping: it waits, with the numbers', () => {
    const loaded = [engine('busy', 16, 1, true), { ...engine('starting', 6, 0), evictable: false }];
    const decision = admit({ 'gpu:0': 8 * GiB }, loaded, limits);
    expect(decision).toEqual({
      kind: 'wait',
      reason: 'it needs 8.0 GiB on GPU 0, where 2.0 GiB of 24.0 GiB is free (busy, starting hold the rest)',
    });
  });

  it('refuses at once what cannot fit even on an empty device', () => {
    expect(admit({ 'gpu:0': 30 * GiB }, [], limits)).toEqual({
      kind: 'never',
      reason: 'it needs 30.0 GiB on GPU 0, which has 24.0 GiB in all',
    });
  });

  it('counts engines against maxLoaded, evicting the idle one', () => {
    const loaded = [engine('a', 1, 1)];
    expect(admit({}, loaded, { capacity: {}, maxLoaded: 1 })).toEqual({ kind: 'admit', evict: ['a'] });
    expect(admit({}, [engine('a', 1, 1, true)], { capacity: {}, maxLoaded: 1 })).toMatchObject({
      kind: 'wait',
      reason: '1 of at most 1 engines are loaded (a)',
    });
  });

  it('checks each device a model spans', () => {
    const need = { 'gpu:0': 4 * GiB, 'gpu:1': 4 * GiB };
    const loaded = [{ ...engine('on-1', 0, 1), need: { 'gpu:1': 22 * GiB } }];
    const capacity = { 'gpu:0': 24 * GiB, 'gpu:1': 24 * GiB };
    expect(admit(need, loaded, { capacity })).toEqual({ kind: 'admit', evict: ['on-1'] });
  });
});
