import { describe, expect, it } from 'vitest';
import { StopSequences } from '../src/embedded/stop-sequences.js';

/** Feeds the chunks and returns what was released, with the held-back rest once the text ends. */
function run(sequences: string[], chunks: string[]) {
  const stops = new StopSequences(sequences);
  const released = chunks.map((chunk) => stops.push(chunk));
  return { released, rest: stops.flush(), stopped: stops.stopped };
}

describe('StopSequences', () => {
  it('releases text that cannot begin a stop sequence at once', () => {
    expect(run(['END'], ['ab', 'cd'])).toEqual({ released: ['ab', 'cd'], rest: '', stopped: false });
  });

  it('holds back a possible start, then releases it when the next chunk rules it out', () => {
    expect(run(['END'], ['abE', 'Nx'])).toEqual({ released: ['ab', 'ENx'], rest: '', stopped: false });
  });

  it('gives back what it held when the text ends before the stop sequence completes', () => {
    expect(run(['Sx'], ['Sm', ' wor', 'dS'])).toEqual({ released: ['Sm', ' wor', 'd'], rest: 'S', stopped: false });
  });

  it('ends the text before a stop sequence split across chunks, and takes nothing after it', () => {
    expect(run(['END'], ['abE', 'NDcd', 'more'])).toEqual({ released: ['ab', '', ''], rest: '', stopped: true });
  });

  it('stops at the earliest of several stop sequences', () => {
    expect(run(['yz', 'b'], ['abcxyz'])).toEqual({ released: ['a'], rest: '', stopped: true });
  });
});
