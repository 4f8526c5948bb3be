import type { Readable } from 'node:stream';

// A carriage return ends a line too: progress bars redraw themselves with it.
const LINE_BREAK = /\r\n|\r|\n/;

/**
 * Longer lines are passed on in pieces of this many characters: an engine that prints megabytes
 * without a line break must cost neither quadratic time nor unbounded memory here.
 */
export const MAX_LINE_CHARS = 16 * 1024;

/** Calls `onLine` with each non-empty line of a text stream; resolves when the stream ends. */
export function readLines(stream: Readable, onLine: (line: string) => void): Promise<void> {
  stream.setEncoding('utf8');
  let pending = '';
  const emit = (line: string) => {
    for (let start = 0; start < line.length; start += MAX_LINE_CHARS) onLine(line.slice(start, start + MAX_LINE_CHARS));
  };
  return new Promise((resolve) => {
    stream.on('data', (chunk: string) => {
      // Only the new chunk is searched for breaks; what is pending is shorter than one piece.
      const lines = chunk.split(LINE_BREAK);
      lines[0] = pending + lines[0];
      pending = lines.pop() ?? '';
      for (const line of lines) emit(line);
      if (pending.length >= MAX_LINE_CHARS) {
        const whole = pending.length - (pending.length % MAX_LINE_CHARS);
        emit(pending.slice(0, whole));
        pending = pending.slice(whole);
      }
    });
    const finish = () => {
      emit(pending);
      pending = '';
      resolve();
    };
    stream.once('end', finish);
    stream.once('close', finish);
    stream.once('error', finish);
  });
}
