import {
  addRoute,
  createOpenAiApp,
  hasBearerKey,
  invalidApiKey,
  notFound,
  OPENAI_ENDPOINTS,
  parseOpenAiRequest,
  pathOf,
} from '@switchyard/openai-http';
import type { FastifyInstance } from 'fastify';
import { Agent } from 'undici';
import type { EngineLauncher } from '../launcher.js';
import { ServerMetrics } from '../metrics.js';
import { ModelPool } from '../pool/model-pool.js';
import { modelRequired } from '../serve-errors.js';
import type { ServedModel } from '../served-model.js';
import { forward } from './forward.js';
import { modelStatus } from './model-status.js';

export interface ModelServerOptions {
  readonly models: readonly ServedModel[];
  readonly launcher: EngineLauncher;
  /** When set, every route needs `Authorization: Bearer <key>`. */
  readonly apiKey?: string;
  /** Seconds without requests before an engine stops; 0 keeps engines. Default 300. */
  readonly idleTimeoutSeconds?: number;
  /** The most engines running at once; unlimited by default. */
  readonly maxLoaded?: number;
  /** Requests that may wait for models to start or fit before 429; default 64. */
  readonly queueLimit?: number;
  /** How long a request waits for room among busy engines before 503; default 5 minutes. */
  readonly queueTimeoutMs?: number;
  /** How long an engine may take to load; default 10 minutes. */
  readonly readyTimeoutMs?: number;
  /** How long an engine may go silent during a request before it is cut (504); default 10 minutes. */
  readonly requestTimeoutMs?: number;
  /** Largest request body, in bytes; default 8 MiB. */
  readonly bodyLimitBytes?: number;
  /** Where the server says what it does (engines starting, stopping, failing). */
  readonly log?: (line: string) => void;
}

export interface ModelServer {
  readonly app: FastifyInstance;
  readonly pool: ModelPool;
  readonly metrics: ServerMetrics;
  /** Listens (loopback by default) and starts the models marked preload. */
  listen(options?: { host?: string; port?: number }): Promise<{ url: string; baseUrl: string }>;
  /**
   * Stops taking requests, lets those in flight finish for up to `graceMs`, cuts the rest, then
   * stops every engine.
   */
  close(options?: { graceMs?: number }): Promise<void>;
}

const MINUTE = 60_000;

/** One OpenAI-compatible endpoint in front of many models' engines. */
export function createModelServer(options: ModelServerOptions): ModelServer {
  const log = options.log ?? (() => {});
  const metrics = new ServerMetrics();
  const pool = new ModelPool(
    options.models,
    options.launcher,
    {
      idleTimeoutSeconds: options.idleTimeoutSeconds ?? 300,
      ...(options.maxLoaded === undefined ? {} : { maxLoaded: options.maxLoaded }),
      queueLimit: options.queueLimit ?? 64,
      queueTimeoutMs: options.queueTimeoutMs ?? 5 * MINUTE,
      readyTimeoutMs: options.readyTimeoutMs ?? 10 * MINUTE,
      log,
    },
    metrics,
  );
  const requestTimeoutMs = options.requestTimeoutMs ?? 10 * MINUTE;
  const dispatcher = new Agent({ keepAliveTimeout: 30_000 });
  const app = createOpenAiApp(options.bodyLimitBytes === undefined ? {} : { bodyLimitBytes: options.bodyLimitBytes });
  const { apiKey } = options;
  if (apiKey !== undefined) {
    app.addHook('onRequest', async (request) => {
      if (!hasBearerKey(request.headers, apiKey)) throw invalidApiKey();
    });
  }

  const created = Math.floor(Date.now() / 1000);
  const modelObject = (name: string) => {
    const slot = pool.slot(name);
    return {
      id: name,
      object: 'model',
      created,
      owned_by: 'switchyard',
      state: slot.state,
      engine: slot.prepared?.engine ?? null,
    };
  };
  addRoute(app, '/v1/models', { GET: () => ({ object: 'list', data: pool.names().map(modelObject) }) });
  addRoute(app, '/v1/models/*', { GET: (request) => modelObject((request.params as { '*': string })['*']) });

  for (const [path, schema] of Object.entries(OPENAI_ENDPOINTS)) {
    const route = path.slice('/v1/'.length);
    addRoute(app, path, {
      POST: async (request, reply) => {
        const body = parseOpenAiRequest(schema, request.body);
        if (body.model === undefined) throw modelRequired(pool.names());
        pool.slot(body.model);
        const started = performance.now();
        const cancelled = new AbortController();
        reply.raw.on('close', () => {
          cancelled.abort();
          const status = String(reply.raw.statusCode);
          metrics.requests.inc({ model: body.model, route, status });
          metrics.latency.observe({ model: body.model, route }, (performance.now() - started) / 1000);
        });
        const lease = await pool.acquire(body.model, cancelled.signal);
        reply.raw.on('close', () => lease.release());
        return forward(lease, path, body, reply, { dispatcher, timeoutMs: requestTimeoutMs, signal: cancelled.signal });
      },
    });
  }

  addRoute(app, '/health', { GET: () => ({ status: 'ok' }) });
  addRoute(app, '/switchyard/status', {
    GET: () => ({ models: pool.list().map(modelStatus) }),
  });
  addRoute(app, '/switchyard/models/*', {
    POST: async (request) => {
      const [, name, action] = /^(.+)\/(load|unload)$/.exec((request.params as { '*': string })['*']) ?? [];
      if (name === undefined) {
        throw notFound(
          `Unknown route POST ${pathOf(request)}; use /switchyard/models/NAME/load or /unload.`,
          'unknown_url',
        );
      }
      if (action === 'load') await pool.load(name);
      else await pool.unload(name);
      return modelStatus(pool.slot(name));
    },
  });
  addRoute(app, '/metrics', {
    GET: async (_request, reply) => reply.type(metrics.registry.contentType).send(await metrics.registry.metrics()),
  });

  return {
    app,
    pool,
    metrics,
    async listen({ host = '127.0.0.1', port = 8080 } = {}) {
      await app.listen({ host, port });
      const address = app.server.address();
      const bound = typeof address === 'object' && address !== null ? address.port : port;
      const url = `http://${host.includes(':') ? `[${host}]` : host}:${bound}`;
      for (const slot of pool.list()) {
        if (slot.model.preload) void pool.load(slot.name).catch(() => {});
      }
      return { url, baseUrl: `${url}/v1` };
    },
    async close({ graceMs = 10_000 } = {}) {
      const cut = setTimeout(() => app.server.closeAllConnections(), graceMs);
      try {
        await app.close();
      } finally {
        clearTimeout(cut);
        await pool.close();
        await dispatcher.close();
      }
    },
  };
}
