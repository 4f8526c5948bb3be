import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { LogLines } from '../src/log-lines.js';
import { MAX_LINE_CHARS, readLines } from '../src/read-lines.js';

const line = (text: string) => ({ stream: 'stdout' as const, line: text });

describe('readLines', () => {
  it('splits on \\n, \\r\\n and \\r across chunk boundaries, keeping multi-byte characters whole', async () => {
    const stream = new PassThrough();
    const lines: string[] = [];
    const done = readLines(stream, (text) => lines.push(text));
    const bytes = Buffer.from('first\r\nsec€nd\nloading 10%\rloading 50%\r\nlast without newline');
    for (let i = 0; i < bytes.length; i += 3) stream.write(bytes.subarray(i, i + 3));
    stream.end();
    await done;
    expect(lines).toEqual(['first', 'sec€nd', 'loading 10%', 'loading 50%', 'last without newline']);
  });

  it('passes a line of megabytes on in bounded pieces as it arrives, not all at its end', async () => {
    const stream = new PassThrough();
    const lines: string[] = [];
    const done = readLines(stream, (text) => lines.push(text));
    const huge = 'x'.repeat(4 * 1024 * 1024);
    for (let i = 0; i < huge.length; i += 65_536) stream.write(huge.slice(i, i + 65_536));
    // Before the line ends, all but the last partial piece has been passed on.
    await new Promise((resolve) => setImmediate(resolve));
    expect(lines.length).toBe(huge.length / MAX_LINE_CHARS);
    stream.end('y\nnext\n');
    await done;
    expect(lines.every((text) => text.length <= MAX_LINE_CHARS)).toBe(true);
    expect(lines.slice(0, -1).join('')).toBe(`${huge}y`);
    expect(lines.at(-1)).toBe('next');
  });
});

describe('LogLines', () => {
  it('keeps only the last lines', () => {
    const logs = new LogLines(3);
    for (const text of ['a', 'b', 'c', 'd']) logs.push(line(text));
    expect(logs.recent().map((entry) => entry.line)).toEqual(['b', 'c', 'd']);
    expect(logs.recent(1).map((entry) => entry.line)).toEqual(['d']);
  });

  it('gives each iterator the lines pushed after it began, until the log ends', async () => {
    const logs = new LogLines();
    logs.push(line('before'));
    const early = logs[Symbol.asyncIterator]();
    logs.push(line('one'));
    const late = logs[Symbol.asyncIterator]();
    logs.push(line('two'));
    logs.end();
    const drain = async (iterator: AsyncIterator<{ line: string }>) => {
      const seen: string[] = [];
      for (let next = await iterator.next(); !next.done; next = await iterator.next()) seen.push(next.value.line);
      return seen;
    };
    expect(await drain(early)).toEqual(['one', 'two']);
    expect(await drain(late)).toEqual(['two']);
    expect(await drain(logs[Symbol.asyncIterator]())).toEqual([]);
  });

  it('stops delivering to an iterator the consumer broke out of', async () => {
    const logs = new LogLines();
    const seen: string[] = [];
    const consuming = (async () => {
      for await (const entry of logs) {
        seen.push(entry.line);
        if (entry.line === 'stop here') break;
      }
    })();
    logs.push(line('stop here'));
    await consuming;
    logs.push(line('after'));
    expect(seen).toEqual(['stop here']);
  });
});
