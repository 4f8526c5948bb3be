/** An error a client caused or must know about, answered in OpenAI's shape. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly type: string,
    readonly param: string | null = null,
    readonly code: string | null = null,
    /** Extra response headers, e.g. `Allow` on a 405. */
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

export const modelNotFound = (requested: string, served: string) =>
  notFound(`The model "${requested}" does not exist; this server serves "${served}".`, 'model_not_found', 'model');

export const methodNotAllowed = (method: string, path: string, allowed: readonly string[]) =>
  new ApiError(
    405,
    `${path} does not take ${method}; use ${allowed.join(' or ')}.`,
    'invalid_request_error',
    null,
    'method_not_allowed',
    { allow: allowed.join(', ') },
  );

export const contextLengthExceeded = (
  promptTokens: number,
  contextSize: number,
  maxPromptTokens: number,
  param: string,
) =>
  new ApiError(
    400,
    `The prompt is ${promptTokens} tokens, but this server's context holds ${contextSize} tokens for the prompt and ` +
      `its answer together, so a prompt can have at most ${maxPromptTokens}. Shorten the ${param}, or restart the ` +
      'server with a larger context (--ctx-size).',
    'invalid_request_error',
    param,
    'context_length_exceeded',
  );

export const invalidApiKey = () =>
  new ApiError(401, 'Incorrect API key provided.', 'invalid_request_error', null, 'invalid_api_key');

export const loading = () => new ApiError(503, 'Loading model', 'unavailable_error', null, 'model_loading');

export const shuttingDown = () =>
  new ApiError(
    503,
    'The server is shutting down; send the request again once it has restarted.',
    'unavailable_error',
    null,
    'server_shutting_down',
  );

export const serverError = (message: string) => new ApiError(500, message, 'server_error');
