import { Counter, Gauge, Histogram, Registry } from 'prom-client';

/** The server's Prometheus metrics, in a registry of its own so that two servers in one process do not mix. */
export class ServerMetrics {
  readonly registry = new Registry();

  readonly requests = new Counter({
    name: 'switchyard_requests_total',
    help: 'OpenAI requests answered, by model, route and status code.',
    labelNames: ['model', 'route', 'status'] as const,
    registers: [this.registry],
  });

  readonly latency = new Histogram({
    name: 'switchyard_request_duration_seconds',
    help: 'Time from a request to the end of its answer (the whole stream when streamed), by model and route.',
    labelNames: ['model', 'route'] as const,
    buckets: [0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300],
    registers: [this.registry],
  });

  readonly coldStarts = new Counter({
    name: 'switchyard_cold_starts_total',
    help: 'Engines started for a model (on a request, a load or at preload).',
    labelNames: ['model'] as const,
    registers: [this.registry],
  });

  readonly startSeconds = new Histogram({
    name: 'switchyard_engine_start_seconds',
    help: 'Time from starting an engine to its being ready.',
    labelNames: ['model'] as const,
    buckets: [0.5, 1, 2, 5, 10, 30, 60, 120, 300, 600],
    registers: [this.registry],
  });

  readonly startFailures = new Counter({
    name: 'switchyard_engine_start_failures_total',
    help: 'Engines that failed to become ready.',
    labelNames: ['model'] as const,
    registers: [this.registry],
  });

  readonly evictions = new Counter({
    name: 'switchyard_evictions_total',
    help: 'Idle engines stopped to make room for another model.',
    labelNames: ['model'] as const,
    registers: [this.registry],
  });

  readonly restarts = new Counter({
    name: 'switchyard_engine_restarts_total',
    help: 'Engines started again after they exited on their own.',
    labelNames: ['model'] as const,
    registers: [this.registry],
  });

  readonly rejected = new Counter({
    name: 'switchyard_rejected_requests_total',
    help: 'Requests turned away before reaching an engine, by reason (queue_full, does_not_fit, start_failed).',
    labelNames: ['model', 'reason'] as const,
    registers: [this.registry],
  });

  readonly inFlight = new Gauge({
    name: 'switchyard_requests_in_flight',
    help: 'Requests being answered by each model’s engine.',
    labelNames: ['model'] as const,
    registers: [this.registry],
  });

  readonly loaded = new Gauge({
    name: 'switchyard_engines_loaded',
    help: 'Engines holding memory now: starting, ready or stopping.',
    registers: [this.registry],
  });
}
