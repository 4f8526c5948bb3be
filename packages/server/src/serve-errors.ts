import { ApiError, invalidRequest, unavailable } from '@switchyard/openai-http';

/** The answers only this server gives, in OpenAI's error shape. */

export const modelRequired = (served: readonly string[]) =>
  invalidRequest(`model is required; this server serves ${served.map((name) => `"${name}"`).join(', ')}.`, 'model');

export const queueFull = (name: string, limit: number, retryAfterSeconds: number) =>
  new ApiError(
    429,
    `${limit} requests are already waiting for models to start; try "${name}" again shortly.`,
    'rate_limit_error',
    null,
    'queue_full',
    { 'retry-after': String(retryAfterSeconds) },
  );

export const doesNotFit = (name: string, reason: string) =>
  unavailable(`The engine for "${name}" cannot start: ${reason}.`, 'insufficient_memory');

export const startFailed = (name: string, message: string, retryAfterSeconds: number) =>
  unavailable(
    `The engine for "${name}" failed to start; it is tried again in ${retryAfterSeconds} s. ${message}`,
    'engine_start_failed',
    retryAfterSeconds,
  );

export const engineFailed = (name: string, reason: string) =>
  new ApiError(
    502,
    `The engine for "${name}" failed while answering (${reason}); the next request starts it again.`,
    'server_error',
    null,
    'engine_failed',
  );

export const engineTimeout = (name: string, seconds: number) =>
  new ApiError(
    504,
    `The engine for "${name}" did not answer within ${seconds} s, so the request was cut.`,
    'server_error',
    null,
    'engine_timeout',
  );

export const modelBusy = (name: string, inFlight: number) =>
  new ApiError(
    409,
    `"${name}" has ${inFlight} requests in flight; unload it once they are done.`,
    'invalid_request_error',
    null,
    'model_busy',
  );
