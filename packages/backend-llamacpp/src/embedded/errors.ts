import { ApiError, shuttingDown, unavailable } from '@switchyard/openai-http';

/** The errors only this server answers; the shared OpenAI ones come from @switchyard/openai-http. */
export { ApiError, shuttingDown };

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

export const loading = () => unavailable('Loading model', 'model_loading');
