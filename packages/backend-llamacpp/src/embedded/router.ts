import { addRoute, createOpenAiApp, hasBearerKey, invalidApiKey, modelNotFound, pathOf } from '@switchyard/openai-http';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { type Endpoint, handleCompletion } from './completions.js';
import { loading } from './errors.js';
import type { Generation, LoadedModel } from './loaded-model.js';

export interface RouterOptions {
  /** The model id clients send and /v1/models lists. */
  readonly alias: string;
  /** When set, /v1 routes need `Authorization: Bearer <key>`; /health stays public, as in llama-server. */
  readonly apiKey?: string;
  /** The model once loaded; until then every route answers 503. */
  readonly model: () => LoadedModel | undefined;
  /** Takes one line per answered request, for the engine log. */
  readonly log?: (line: string) => void;
}

/** The HTTP server: every route answers 503 until the model is loaded, then /v1 routes check the key. */
export function createEmbeddedServer(options: RouterOptions): FastifyInstance {
  const app = createOpenAiApp();
  app.addHook('onRequest', async (request) => {
    if (options.model() === undefined) throw loading();
    if (
      pathOf(request).startsWith('/v1/') &&
      options.apiKey !== undefined &&
      !hasBearerKey(request.headers, options.apiKey)
    ) {
      throw invalidApiKey();
    }
  });
  const created = Math.floor(Date.now() / 1000);
  const modelObject = { id: options.alias, object: 'model', created, owned_by: 'switchyard' };
  const loaded = () => options.model() as LoadedModel;
  const generations = new WeakMap<object, Generation>();
  // Without a line per request, a person watching the log after "ready" cannot tell requests
  // arrive. The readiness probe's /health polls are left out: they would bury the requests.
  app.addHook('onResponse', async (request, reply) => {
    const path = pathOf(request);
    if (options.log === undefined || path === '/health') return;
    const generation = generations.get(request);
    const tokens = generation
      ? `, ${generation.promptTokens} prompt + ${generation.completionTokens} generated tokens`
      : '';
    options.log(`${request.method} ${path} ${reply.statusCode} ${Math.round(reply.elapsedTime)} ms${tokens}`);
  });
  const completions = (endpoint: Endpoint) => ({
    POST: (request: FastifyRequest, reply: FastifyReply) =>
      handleCompletion(endpoint, request.body, loaded(), options.alias, reply, (generation) =>
        generations.set(request, generation),
      ),
  });
  addRoute(app, '/health', { GET: () => ({ status: 'ok' }) });
  addRoute(app, '/v1/models', { GET: () => ({ object: 'list', data: [modelObject] }) });
  addRoute(app, '/v1/models/*', {
    GET: (request) => {
      const requested = (request.params as { '*': string })['*'];
      if (requested !== options.alias) throw modelNotFound(requested, [options.alias]);
      return modelObject;
    },
  });
  addRoute(app, '/v1/chat/completions', completions('chat'));
  addRoute(app, '/v1/completions', completions('text'));
  return app;
}
