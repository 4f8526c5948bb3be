import Fastify, { type FastifyInstance, type FastifyReply, type FastifyRequest, type HTTPMethods } from 'fastify';
import { ApiError, bodyTooLarge, invalidRequest, methodNotAllowed, serverError, unknownRoute } from './api-error.js';

/** OpenAI clients send at most a few MiB of prompt; more is a mistake or an attack. */
export const DEFAULT_BODY_LIMIT_BYTES = 8 << 20;

export interface OpenAiAppOptions {
  /** Largest request body taken, in bytes; larger ones get 413. */
  readonly bodyLimitBytes?: number;
}

/** A route's handlers by HTTP method. */
export type MethodHandlers = Readonly<
  Partial<Record<'GET' | 'POST', (request: FastifyRequest, reply: FastifyReply) => unknown>>
>;

const METHODS: readonly HTTPMethods[] = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS', 'HEAD'];

/**
 * A Fastify instance that speaks OpenAI's HTTP dialect: every body is read as JSON whatever its
 * content type (as OpenAI-compatible servers do), and every error — a bad body, an unknown route, a
 * method a route does not take, a thrown ApiError — is answered as `{"error":{...}}`.
 */
export function createOpenAiApp(options: OpenAiAppOptions = {}): FastifyInstance {
  const bodyLimit = options.bodyLimitBytes ?? DEFAULT_BODY_LIMIT_BYTES;
  const app = Fastify({ logger: false, bodyLimit, exposeHeadRoutes: false, return503OnClosing: true });
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('*', { parseAs: 'buffer' }, (_request, body, done) => {
    try {
      done(null, JSON.parse((body as Buffer).toString('utf8')));
    } catch (error) {
      done(invalidRequest(`The request body is not valid JSON: ${messageOf(error)}`, null, 'invalid_json'));
    }
  });
  app.setNotFoundHandler((request) => {
    throw unknownRoute(request.method, pathOf(request));
  });
  app.setErrorHandler((error, _request, reply) => {
    const answer = asApiError(error, bodyLimit);
    return reply.code(answer.status).headers(answer.headers).send(answer.toJSON());
  });
  return app;
}

/** Registers a path's handlers, and a 405 naming them for every other method. */
export function addRoute(app: FastifyInstance, url: string, handlers: MethodHandlers): void {
  const allowed = Object.keys(handlers) as ('GET' | 'POST')[];
  for (const method of allowed) app.route({ method, url, handler: handlers[method] as never });
  app.route({
    method: METHODS.filter((method) => !allowed.includes(method as never)),
    url,
    handler: (request) => {
      throw methodNotAllowed(request.method, pathOf(request), allowed);
    },
  });
}

/** The request's path without its query. */
export function pathOf(request: FastifyRequest): string {
  return request.url.split('?')[0] ?? request.url;
}

function asApiError(error: unknown, bodyLimit: number): ApiError {
  if (error instanceof ApiError) return error;
  const { code, statusCode } = error as { code?: string; statusCode?: number };
  if (code === 'FST_ERR_CTP_BODY_TOO_LARGE') return bodyTooLarge(bodyLimit);
  if (statusCode !== undefined && statusCode >= 400 && statusCode < 500) {
    return new ApiError(statusCode, messageOf(error), 'invalid_request_error');
  }
  return serverError(messageOf(error));
}

export const messageOf = (error: unknown) => (error instanceof Error ? error.message : String(error));
