/** An error a client caused or must know about, answered in OpenAI's shape. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly type: string,
    readonly param: string | null = null,
    readonly code: string | null = null,
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

export const invalidApiKey = () =>
  new ApiError(401, 'Incorrect API key provided.', 'invalid_request_error', null, 'invalid_api_key');

export const loading = () => new ApiError(503, 'Loading model', 'unavailable_error', null, 'model_loading');

export const serverError = (message: string) => new ApiError(500, message, 'server_error');
