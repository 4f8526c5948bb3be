import { Writable } from 'node:stream';
import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { SseWriter } from '../src/sse.js';

/** A client that reads slowly: a stream that holds about one event and takes each write 5 ms later. */
function slowClient() {
  const received: string[] = [];
  const stream = new Writable({
    highWaterMark: 8,
    write(chunk: Buffer, _encoding, done) {
      setTimeout(() => {
        received.push(chunk.toString());
        done();
      }, 5);
    },
  });
  return { stream, received };
}

describe('SseWriter', () => {
  it('writes an event only once the client has taken the one before', async () => {
    const { stream, received } = slowClient();
    const events = new SseWriter(stream);
    for (let i = 0; i < 5; i++) events.send({ i });
    // One event fills the stream; the other four wait in order for it to drain.
    expect(stream.writableLength).toBe('data: {"i":0}\n\n'.length);
    await events.done();
    expect(received).toEqual([...[0, 1, 2, 3, 4].map((i) => `data: {"i":${i}}\n\n`), 'data: [DONE]\n\n']);
    expect(stream.writableEnded).toBe(true);
  });

  it('stops waiting when the client goes away', async () => {
    const { stream } = slowClient();
    const events = new SseWriter(stream);
    for (let i = 0; i < 3; i++) events.send({ i });
    stream.destroy();
    await expect(Promise.race([events.done().then(() => 'settled'), sleep(1000, 'hung')])).resolves.toBe('settled');
  });
});
