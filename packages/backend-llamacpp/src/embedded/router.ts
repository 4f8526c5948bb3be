import { timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { type Endpoint, handleCompletion } from './completions.js';
import {
  ApiError,
  invalidApiKey,
  invalidRequest,
  loading,
  methodNotAllowed,
  modelNotFound,
  notFound,
  serverError,
} from './errors.js';
import type { LoadedModel } from './loaded-model.js';
import { sendError, sendJson } from './respond.js';

const MAX_BODY_BYTES = 8 << 20;
const MODEL_PATH = /^\/v1\/models\/(.+)$/;
const BEARER = /^bearer +(.+)$/i;

export interface RouterOptions {
  /** The model id clients send and /v1/models lists. */
  readonly alias: string;
  /** When set, /v1 routes need `Authorization: Bearer <key>`; /health stays public, as in llama-server. */
  readonly apiKey?: string;
  /** The model once loaded; until then every route answers 503. */
  readonly model: () => LoadedModel | undefined;
}

/** One request, once its route and method are known. */
interface Exchange {
  readonly request: IncomingMessage;
  readonly response: ServerResponse;
  readonly model: LoadedModel;
  /** Aborted when the client goes away. */
  readonly signal: AbortSignal;
}

/** A path's handlers by HTTP method. */
type Methods = Readonly<Partial<Record<string, (exchange: Exchange) => Promise<void> | void>>>;

/** The HTTP server: routing, authentication, body parsing and error answers. */
export function createEmbeddedServer(options: RouterOptions): Server {
  const methodsAt = routes(options);
  return createServer((request, response) => {
    const aborted = new AbortController();
    response.on('close', () => aborted.abort());
    route(request, response, aborted.signal, options, methodsAt).catch((error: unknown) => {
      const apiError = error instanceof ApiError ? error : serverError(messageOf(error));
      if (!response.headersSent) sendError(response, apiError);
      else if (!response.writableEnded) response.end(`data: ${JSON.stringify(apiError)}\n\n`);
    });
  });
}

/** Each path's methods; undefined for a path this server does not serve. */
function routes(options: RouterOptions): (path: string) => Methods | undefined {
  const created = Math.floor(Date.now() / 1000);
  const modelObject = { id: options.alias, object: 'model', created, owned_by: 'switchyard' };
  const completions = (endpoint: Endpoint): Methods => ({
    POST: async ({ request, response, model, signal }) =>
      handleCompletion(endpoint, await readJson(request), model, options.alias, response, signal),
  });
  return (path) => {
    if (path === '/health') return { GET: ({ response }) => sendJson(response, 200, { status: 'ok' }) };
    if (path === '/v1/models') {
      return { GET: ({ response }) => sendJson(response, 200, { object: 'list', data: [modelObject] }) };
    }
    if (path === '/v1/chat/completions') return completions('chat');
    if (path === '/v1/completions') return completions('text');
    const id = MODEL_PATH.exec(path)?.[1];
    if (id === undefined) return undefined;
    return {
      GET: ({ response }) => {
        const requested = decodedPathPart(id);
        if (requested !== options.alias) throw modelNotFound(requested, options.alias);
        sendJson(response, 200, modelObject);
      },
    };
  };
}

async function route(
  request: IncomingMessage,
  response: ServerResponse,
  signal: AbortSignal,
  options: RouterOptions,
  methodsAt: (path: string) => Methods | undefined,
): Promise<void> {
  const path = new URL(request.url ?? '/', 'http://localhost').pathname;
  const model = options.model();
  if (model === undefined) throw loading();
  if (path.startsWith('/v1/') && options.apiKey !== undefined && !authorized(request, options.apiKey)) {
    throw invalidApiKey();
  }
  const methods = methodsAt(path);
  if (methods === undefined) throw notFound(`Unknown route ${request.method} ${path}.`, 'unknown_url');
  const method = request.method ?? '';
  const handler = methods[method];
  if (handler === undefined) throw methodNotAllowed(method, path, Object.keys(methods));
  await handler({ request, response, model, signal });
}

/** `Authorization: Bearer <key>`, the scheme in any case as HTTP allows; the key compared in constant time. */
function authorized(request: IncomingMessage, apiKey: string): boolean {
  const given = Buffer.from(BEARER.exec(request.headers.authorization ?? '')?.[1] ?? '');
  const expected = Buffer.from(apiKey);
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

/** A model id from the URL: clients percent-encode ids with a slash; a malformed escape stays as sent. */
function decodedPathPart(part: string): string {
  try {
    return decodeURIComponent(part);
  } catch {
    return part;
  }
}

const messageOf = (error: unknown) => (error instanceof Error ? error.message : String(error));
