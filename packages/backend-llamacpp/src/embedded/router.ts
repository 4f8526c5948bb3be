import { timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { handleCompletion } from './completions.js';
import { ApiError, invalidApiKey, invalidRequest, loading, notFound, serverError } from './errors.js';
import type { LoadedModel } from './loaded-model.js';
import { sendError, sendJson } from './respond.js';

const MAX_BODY_BYTES = 8 << 20;

export interface RouterOptions {
  /** The model id clients send and /v1/models lists. */
  readonly alias: string;
  /** When set, /v1 routes need `Authorization: Bearer <key>`; /health stays public, as in llama-server. */
  readonly apiKey?: string;
  /** The model once loaded; until then every route answers 503. */
  readonly model: () => LoadedModel | undefined;
}

/** The HTTP server: routing, authentication, body parsing and error answers. */
export function createEmbeddedServer(options: RouterOptions): Server {
  const created = Math.floor(Date.now() / 1000);
  return createServer((request, response) => {
    const aborted = new AbortController();
    response.on('close', () => aborted.abort());
    route(request, response, options, created, aborted.signal).catch((error: unknown) => {
      const apiError = error instanceof ApiError ? error : serverError(messageOf(error));
      if (!response.headersSent) sendError(response, apiError);
      else if (!response.writableEnded) response.end(`data: ${JSON.stringify(apiError)}\n\n`);
    });
  });
}

async function route(
  request: IncomingMessage,
  response: ServerResponse,
  options: RouterOptions,
  created: number,
  signal: AbortSignal,
): Promise<void> {
  const path = new URL(request.url ?? '/', 'http://localhost').pathname;
  const endpoint = `${request.method} ${path}`;
  const model = options.model();
  if (model === undefined) throw loading();
  if (endpoint === 'GET /health') return sendJson(response, 200, { status: 'ok' });
  if (path.startsWith('/v1/') && options.apiKey !== undefined && !authorized(request, options.apiKey)) {
    throw invalidApiKey();
  }
  switch (endpoint) {
    case 'GET /v1/models':
      return sendJson(response, 200, {
        object: 'list',
        data: [{ id: options.alias, object: 'model', created, owned_by: 'switchyard' }],
      });
    case 'POST /v1/chat/completions':
      return handleCompletion('chat', await readJson(request), model, options.alias, response, signal);
    case 'POST /v1/completions':
      return handleCompletion('text', await readJson(request), model, options.alias, response, signal);
    default:
      throw notFound(`Unknown route ${endpoint}.`, 'unknown_url');
  }
}

function authorized(request: IncomingMessage, apiKey: string): boolean {
  const given = Buffer.from(request.headers.authorization ?? '');
  const expected = Buffer.from(`Bearer ${apiKey}`);
  return given.length === expected.length && timingSafeEqual(given, expected);
}

async function readJson(request: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES) throw new ApiError(413, 'The request body is too large.', 'invalid_request_error');
    chunks.push(chunk as Buffer);
  }
  try {
    return JSON.parse(Buffer.concat(chunks).toString('utf8'));
  } catch (error) {
    throw invalidRequest(`The request body is not valid JSON: ${messageOf(error)}`, null, 'invalid_json');
  }
}

const messageOf = (error: unknown) => (error instanceof Error ? error.message : String(error));
