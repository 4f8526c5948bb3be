export {
  ApiError,
  bodyTooLarge,
  invalidApiKey,
  invalidRequest,
  methodNotAllowed,
  modelNotFound,
  notFound,
  serverError,
  shuttingDown,
  unavailable,
  unknownRoute,
} from './api-error.js';
export { hasBearerKey } from './bearer-key.js';
export {
  addRoute,
  createOpenAiApp,
  DEFAULT_BODY_LIMIT_BYTES,
  type MethodHandlers,
  messageOf,
  type OpenAiAppOptions,
  pathOf,
} from './openai-app.js';
export {
  CHAT_ROLES,
  type ChatCompletionRequest,
  ChatCompletionRequestSchema,
  type ChatMessage,
  type CompletionRequest,
  CompletionRequestSchema,
  type EmbeddingRequest,
  EmbeddingRequestSchema,
  OPENAI_ENDPOINTS,
  parseOpenAiRequest,
} from './request-schemas.js';
export { errorEvent, SseWriter, startEventStream } from './sse.js';
