import type { ServerResponse } from 'node:http';
import type { Writable } from 'node:stream';
import type { ApiError } from './api-error.js';

/** Answers 200 with an event stream and returns its writer. */
export function startEventStream(response: ServerResponse): SseWriter {
  response.writeHead(200, {
    'content-type': 'text/event-stream; charset=utf-8',
    'cache-control': 'no-cache',
    connection: 'keep-alive',
  });
  return new SseWriter(response);
}

/**
 * Server-sent events the way OpenAI streams: one `data: <json>` event per chunk, then `data: [DONE]`.
 * Events go out one at a time, each after the client has taken the one before, so that a client that
 * stops reading does not make the socket buffer everything the model generates.
 */
export class SseWriter {
  private readonly queued: string[] = [];
  private flushing: Promise<void> | undefined;

  constructor(private readonly stream: Writable) {}

  send(chunk: unknown): void {
    this.write(`data: ${JSON.stringify(chunk)}\n\n`);
  }

  /** Ends the stream; settles once every event is written or the client has gone. */
  async done(): Promise<void> {
    this.write('data: [DONE]\n\n');
    await this.end();
  }

  /** Ends the stream with the error as its last event, without `[DONE]`, as OpenAI does. */
  async fail(error: ApiError): Promise<void> {
    this.write(errorEvent(error));
    await this.end();
  }

  private async end(): Promise<void> {
    await this.flushing;
    if (!this.stream.writableEnded) this.stream.end();
  }

  private write(text: string): void {
    this.queued.push(text);
    this.flushing ??= this.flush();
  }

  private async flush(): Promise<void> {
    for (let text = this.queued.shift(); text !== undefined; text = this.queued.shift()) {
      await writeWhenDrained(this.stream, text);
    }
    this.flushing = undefined;
  }
}

/** Writes, then waits for `drain` if the stream is full, or for `close` if the client goes away first. */
async function writeWhenDrained(stream: Writable, text: string): Promise<void> {
  if (stream.writableEnded || stream.destroyed || stream.write(text)) return;
  await new Promise<void>((resolve) => {
    const settle = () => {
      stream.off('drain', settle);
      stream.off('close', settle);
      resolve();
    };
    stream.on('drain', settle);
    stream.on('close', settle);
  });
}

/** An error as an event: OpenAI clients raise it as an API error when a stream ends with one. */
export function errorEvent(error: ApiError): string {
  return `data: ${JSON.stringify(error)}\n\n`;
}
