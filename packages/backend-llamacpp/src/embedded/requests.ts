import {
  type ChatCompletionRequest,
  ChatCompletionRequestSchema,
  CompletionRequestSchema,
  invalidRequest,
  type ChatMessage as OpenAiChatMessage,
  type CompletionRequest as OpenAiCompletionRequest,
  parseOpenAiRequest,
} from '@switchyard/openai-http';

export type ChatRole = 'system' | 'user' | 'assistant';

export interface ChatMessage {
  readonly role: ChatRole;
  readonly content: string;
}

/** The sampling and streaming fields both endpoints share, checked and defaulted. */
export interface GenerationParams {
  readonly model?: string;
  readonly maxTokens?: number;
  readonly temperature: number;
  readonly topP?: number;
  readonly seed?: number;
  readonly stop: readonly string[];
  readonly stream: boolean;
  readonly includeUsage: boolean;
}

export interface CompletionRequest extends GenerationParams {
  readonly prompt: string;
}

export interface ChatRequest extends GenerationParams {
  readonly messages: readonly ChatMessage[];
}

/** OpenAI's defaults: 16 tokens for text completions; temperature 1. */
const COMPLETION_MAX_TOKENS = 16;
const DEFAULT_TEMPERATURE = 1;
/** The roles this server takes; `developer` is the newer name for `system`. */
const ROLES: ReadonlyMap<string, ChatRole> = new Map([
  ['system', 'system'],
  ['developer', 'system'],
  ['user', 'user'],
  ['assistant', 'assistant'],
]);

/** A completion request, narrowed to what this server takes: one text prompt. */
export function parseCompletionRequest(body: unknown): CompletionRequest {
  const request = parseOpenAiRequest(CompletionRequestSchema, body);
  const prompt = Array.isArray(request.prompt) && request.prompt.length === 1 ? request.prompt[0] : request.prompt;
  if (typeof prompt !== 'string')
    throw invalidRequest('prompt must be a string: this server takes one text prompt.', 'prompt');
  const params = generationParams(request);
  return { ...params, maxTokens: params.maxTokens ?? COMPLETION_MAX_TOKENS, prompt };
}

/** A chat request, narrowed to what this server takes: text messages, the last one not the assistant's. */
export function parseChatRequest(body: unknown): ChatRequest {
  const request = parseOpenAiRequest(ChatCompletionRequestSchema, body);
  const messages = request.messages.map((message, i) => chatMessage(message, `messages.${i}`));
  if (messages.at(-1)?.role === 'assistant') {
    throw invalidRequest('The last message must come from the user or the system.', 'messages');
  }
  return { ...generationParams(request), messages };
}

function chatMessage(message: OpenAiChatMessage, path: string): ChatMessage {
  const role = ROLES.get(message.role);
  if (role === undefined) {
    throw invalidRequest(`${path}.role must be one of ${[...ROLES.keys()].join(', ')}.`, `${path}.role`);
  }
  // An assistant turn that only called tools has null content; this server keeps its (empty) text.
  if (role === 'assistant' && (message.content === null || message.content === undefined)) return { role, content: '' };
  return { role, content: textContent(message.content, `${path}.content`) };
}

/** A string, or the array-of-parts form with only text parts. */
function textContent(content: OpenAiChatMessage['content'], path: string): string {
  if (typeof content === 'string') return content;
  if (Array.isArray(content)) {
    return content
      .map((part, i) => {
        if (part.type !== 'text' || typeof part.text !== 'string') {
          throw invalidRequest(`${path}.${i} must be a text part; this server takes text only.`, `${path}.${i}`);
        }
        return part.text;
      })
      .join('');
  }
  throw invalidRequest(`${path} must be a string or an array of text parts.`, path);
}

function generationParams(fields: OpenAiCompletionRequest | ChatCompletionRequest): GenerationParams {
  const { model, max_tokens, max_completion_tokens, temperature, top_p, seed, stop, stream, stream_options, n } =
    fields;
  if (n !== undefined && n !== 1) throw invalidRequest('n must be 1: this server returns one choice.', 'n');
  const maxTokens = max_completion_tokens ?? max_tokens;
  return {
    ...(model === undefined ? {} : { model }),
    ...(maxTokens === undefined ? {} : { maxTokens }),
    temperature: temperature ?? DEFAULT_TEMPERATURE,
    ...(top_p === undefined ? {} : { topP: top_p }),
    ...(seed === undefined ? {} : { seed }),
    stop: stop === undefined ? [] : typeof stop === 'string' ? [stop] : stop,
    stream: stream === true,
    includeUsage: stream_options?.include_usage === true,
  };
}
