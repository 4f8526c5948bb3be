import type { IncomingHttpHeaders } from 'node:http';
import { PassThrough, type Readable } from 'node:stream';
import { errorEvent } from '@switchyard/openai-http';
import type { FastifyReply } from 'fastify';
import { type Dispatcher, errors, request as undiciRequest } from 'undici';
import type { Lease } from '../pool/model-pool.js';
import { engineFailed, engineTimeout } from '../serve-errors.js';

export interface ForwardOptions {
  readonly dispatcher: Dispatcher;
  /** The longest an engine may go without answering (before its headers, or between two chunks). */
  readonly timeoutMs: number;
  /** Aborted when the client goes away: the engine's request is cancelled with it. */
  readonly signal: AbortSignal;
}

/** Response headers that describe one connection, not the answer; the server sets its own. */
const HOP_BY_HOP = new Set(['connection', 'keep-alive', 'transfer-encoding', 'content-length', 'date']);

/**
 * Sends the request's body to the leased engine and streams its answer back as it comes, at the
 * pace the client reads (the engine's socket is paused while the client's is full). A client that
 * goes away cancels the engine's request; an engine that fails before answering is a 502 (504 when
 * it hangs); one that fails mid-stream ends the stream with an OpenAI error event.
 */
export async function forward(
  lease: Lease,
  path: string,
  body: unknown,
  reply: FastifyReply,
  options: ForwardOptions,
): Promise<FastifyReply> {
  let answer: Dispatcher.ResponseData;
  try {
    answer = await undiciRequest(`${lease.handle.url}${path}`, {
      method: 'POST',
      dispatcher: options.dispatcher,
      headers: { 'content-type': 'application/json', authorization: `Bearer ${lease.apiKey}` },
      body: JSON.stringify(body),
      signal: options.signal,
      headersTimeout: options.timeoutMs,
      bodyTimeout: options.timeoutMs,
    });
  } catch (error) {
    throw upstreamError(lease.name, error, options.timeoutMs);
  }
  reply.code(answer.statusCode).headers(passedHeaders(answer.headers));
  return reply.send(relay(answer.body, lease.name, options.timeoutMs, isEventStream(answer.headers)));
}

/** The engine's body as a stream Fastify can send; its end or failure is the answer's. */
function relay(upstream: Readable, name: string, timeoutMs: number, eventStream: boolean): Readable {
  const out = new PassThrough();
  upstream.on('error', (error) => {
    if (out.destroyed) return;
    upstream.unpipe(out);
    // Past the headers a status can no longer say it: an event stream gets an error event, which
    // OpenAI clients raise; any other body is cut, which clients see as a failed read.
    if (eventStream) out.end(errorEvent(upstreamError(name, error, timeoutMs)));
    else out.destroy(error);
  });
  // The client went away (Fastify destroys what it was sending): cancel the engine's request.
  out.on('close', () => upstream.destroy());
  return upstream.pipe(out);
}

function upstreamError(name: string, error: unknown, timeoutMs: number) {
  if (error instanceof errors.HeadersTimeoutError || error instanceof errors.BodyTimeoutError) {
    return engineTimeout(name, timeoutMs / 1000);
  }
  return engineFailed(name, (error as Error).message ?? String(error));
}

function passedHeaders(headers: IncomingHttpHeaders): Record<string, string | string[]> {
  const passed: Record<string, string | string[]> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value !== undefined && !HOP_BY_HOP.has(name)) passed[name] = value;
  }
  return passed;
}

const isEventStream = (headers: IncomingHttpHeaders) => String(headers['content-type']).startsWith('text/event-stream');
