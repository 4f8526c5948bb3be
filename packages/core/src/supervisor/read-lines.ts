import type { Readable } from 'node:stream';

// A carriage return ends a line too: progress bars redraw themselves with it.
const LINE_BREAK = /\r\n|\r|\n/;

/** Calls `onLine` with each non-empty line of a text stream; resolves when the stream ends. */
export function readLines(stream: Readable, onLine: (line: string) => void): Promise<void> {
  stream.setEncoding('utf8');
  let pending = '';
  return new Promise((resolve) => {
    stream.on('data', (chunk: string) => {
      const lines = (pending + chunk).split(LINE_BREAK);
      pending = lines.pop() ?? '';
      for (const line of lines) if (line) onLine(line);
    });
    const finish = () => {
      if (pending) onLine(pending);
      pending = '';
      resolve();
    };
    stream.once('end', finish);
    stream.once('close', finish);
    stream.once('error', finish);
  });
}
