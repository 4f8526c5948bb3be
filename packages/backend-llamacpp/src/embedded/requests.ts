import { invalidRequest } from './errors.js';

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
const ROLES = new Set<string>(['system', 'user', 'assistant']);

export function parseCompletionRequest(body: unknown): CompletionRequest {
  const fields = object(body);
  const prompt = Array.isArray(fields.prompt) && fields.prompt.length === 1 ? fields.prompt[0] : fields.prompt;
  if (typeof prompt !== 'string') throw invalidRequest('prompt must be a string.', 'prompt');
  const params = generationParams(fields);
  return { ...params, maxTokens: params.maxTokens ?? COMPLETION_MAX_TOKENS, prompt };
}

export function parseChatRequest(body: unknown): ChatRequest {
  const fields = object(body);
  if (!Array.isArray(fields.messages) || fields.messages.length === 0) {
    throw invalidRequest('messages must be a non-empty array.', 'messages');
  }
  const messages = fields.messages.map((message: unknown, i: number) => chatMessage(message, `messages.${i}`));
  if (messages.at(-1)?.role === 'assistant') {
    throw invalidRequest('The last message must come from the user or the system.', 'messages');
  }
  return { ...generationParams(fields), messages };
}

function chatMessage(value: unknown, path: string): ChatMessage {
  const message = object(value, path);
  if (typeof message.role !== 'string' || !ROLES.has(message.role)) {
    throw invalidRequest(`${path}.role must be one of system, user, assistant.`, `${path}.role`);
  }
  return { role: message.role as ChatRole, content: textContent(message.content, `${path}.content`) };
}

/** A string, or the array-of-parts form with only text parts. */
function textContent(content: unknown, path: string): string {
  if (typeof content === 'string') return content;
  if (Array.isArray(content)) {
    return content
      .map((part, i) => {
        const fields = object(part, `${path}.${i}`);
        if (fields.type !== 'text' || typeof fields.text !== 'string') {
          throw invalidRequest(`${path}.${i} must be a text part; this server takes text only.`, `${path}.${i}`);
        }
        return fields.text;
      })
      .join('');
  }
  throw invalidRequest(`${path} must be a string or an array of text parts.`, path);
}

function generationParams(fields: Record<string, unknown>): GenerationParams {
  const { model, max_tokens, max_completion_tokens, temperature, stop, stream, stream_options, n } = fields;
  if (model !== undefined && typeof model !== 'string') throw invalidRequest('model must be a string.', 'model');
  if (n !== undefined && n !== 1) throw invalidRequest('n must be 1: this server returns one choice.', 'n');
  const maxTokens = max_completion_tokens ?? max_tokens;
  const maxParam = max_completion_tokens === undefined ? 'max_tokens' : 'max_completion_tokens';
  if (maxTokens !== undefined && maxTokens !== null && !(Number.isInteger(maxTokens) && (maxTokens as number) >= 1)) {
    throw invalidRequest(`${maxParam} must be a whole number of at least 1.`, maxParam);
  }
  if (temperature !== undefined && !(typeof temperature === 'number' && temperature >= 0 && temperature <= 2)) {
    throw invalidRequest('temperature must be a number from 0 to 2.', 'temperature');
  }
  if (stream !== undefined && typeof stream !== 'boolean') throw invalidRequest('stream must be a boolean.', 'stream');
  return {
    ...(typeof model === 'string' ? { model } : {}),
    ...(typeof maxTokens === 'number' ? { maxTokens } : {}),
    temperature: typeof temperature === 'number' ? temperature : DEFAULT_TEMPERATURE,
    stop: stopSequences(stop),
    stream: stream === true,
    includeUsage:
      stream_options !== null && typeof stream_options === 'object' && 'include_usage' in stream_options
        ? stream_options.include_usage === true
        : false,
  };
}

function stopSequences(stop: unknown): string[] {
  if (stop === undefined || stop === null) return [];
  const list = typeof stop === 'string' ? [stop] : stop;
  if (!Array.isArray(list) || list.length > 4 || !list.every((s) => typeof s === 'string' && s.length > 0)) {
    throw invalidRequest('stop must be a non-empty string or an array of up to 4 of them.', 'stop');
  }
  return list;
}

function object(value: unknown, path = ''): Record<string, unknown> {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw invalidRequest(path ? `${path} must be an object.` : 'The request body must be a JSON object.', path || null);
  }
  return value as Record<string, unknown>;
}
