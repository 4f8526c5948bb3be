import type { ServerResponse } from 'node:http';

/** Server-sent events the way OpenAI streams: one `data: <json>` event per chunk, then `data: [DONE]`. */
export class SseWriter {
  constructor(private readonly response: ServerResponse) {
    response.writeHead(200, {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-cache',
      connection: 'keep-alive',
    });
  }

  send(chunk: unknown): void {
    if (!this.response.writableEnded) this.response.write(`data: ${JSON.stringify(chunk)}\n\n`);
  }

  done(): void {
    if (this.response.writableEnded) return;
    this.response.write('data: [DONE]\n\n');
    this.response.end();
  }
}
