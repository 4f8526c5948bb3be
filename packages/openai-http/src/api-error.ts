/** An error a client caused or must know about, answered in OpenAI's shape. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly type: string,
    readonly param: string | null = null,
    readonly code: string | null = null,
    /** Extra response headers, e.g. `Allow` on a 405 or `Retry-After` on a 429. */
    readonly headers: Readonly<Record<string, string>> = {},
  ) {
    super(message);
  }

  /** `{"error":{"message","type","param","code"}}`, as the OpenAI API answers errors. */
  toJSON() {
    return { error: { message: this.message, type: this.type, param: this.param, code: this.code } };
  }
}

export const invalidRequest = (message: string, param: string | null = null, code: string | null = null) =>
  new ApiError(400, message, 'invalid_request_error', param, code);

export const notFound = (message: string, code: string, param: string | null = null) =>
  new ApiError(404, message, 'invalid_request_error', param, code);

/** 404 for a model this server does not serve, naming the ones it does. */
export const modelNotFound = (requested: string, served: readonly string[]) =>
  notFound(
    `The model "${requested}" does not exist; this server serves ${served.map((name) => `"${name}"`).join(', ') || 'no model'}.`,
    'model_not_found',
    'model',
  );

export const unknownRoute = (method: string, path: string) =>
  notFound(`Unknown route ${method} ${path}.`, 'unknown_url');

export const methodNotAllowed = (method: string, path: string, allowed: readonly string[]) =>
  new ApiError(
    405,
    `${path} does not take ${method}; use ${allowed.join(' or ')}.`,
    'invalid_request_error',
    null,
    'method_not_allowed',
    { allow: allowed.join(', ') },
  );

export const invalidApiKey = () =>
  new ApiError(401, 'Incorrect API key provided.', 'invalid_request_error', null, 'invalid_api_key');

export const bodyTooLarge = (limitBytes: number) =>
  new ApiError(
    413,
    `The request body is larger than this server takes (${limitBytes} bytes).`,
    'invalid_request_error',
    null,
    'request_too_large',
  );

/** 503: the server cannot take the request now; `retryAfterSeconds` says when to try again. */
export const unavailable = (message: string, code: string, retryAfterSeconds?: number) =>
  new ApiError(
    503,
    message,
    'unavailable_error',
    null,
    code,
    retryAfterSeconds === undefined ? {} : { 'retry-after': String(Math.max(1, Math.ceil(retryAfterSeconds))) },
  );

export const shuttingDown = () =>
  unavailable('The server is shutting down; send the request again once it has restarted.', 'server_shutting_down');

export const serverError = (message: string) => new ApiError(500, message, 'server_error');
