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
/** OpenAI's roles; `developer` is the newer name for `system`. */
const ROLES: ReadonlyMap<string, ChatRole> = new Map([
  ['system', 'system'],
  ['developer', 'system'],
  ['user', 'user'],
  ['assistant', 'assistant'],
]);

export function parseCompletionRequest(body: unknown): CompletionRequest {
  const fields = presentFields(body);
  const prompt = Array.isArray(fields.prompt) && fields.prompt.length === 1 ? fields.prompt[0] : fields.prompt;
  if (typeof prompt !== 'string') throw invalidRequest('prompt must be a string.', 'prompt');
  const params = generationParams(fields);
  return { ...params, maxTokens: params.maxTokens ?? COMPLETION_MAX_TOKENS, prompt };
}

export function parseChatRequest(body: unknown): ChatRequest {
  const fields = presentFields(body);
  if (!Array.isArray(fields.messages) || fields.messages.length === 0) {
    throw invalidRequest('messages must be a non-empty array.', 'messages');
  }
  const messages = fields.messages.map((message: unknown, i: number) => chatMessage(message, `messages.${i}`));
  if (messages.at(-1)?.role === 'assistant') {
    throw invalidRequest('The last message must come from the user or the system.', 'messages');
  }
  return { ...generationParams(fields), messages };
}

/** The body's fields without those set to null: OpenAI takes null as "not given". */
function presentFields(body: unknown): Record<string, unknown> {
  return Object.fromEntries(Object.entries(object(body)).filter(([, value]) => value !== null));
}

function chatMessage(value: unknown, path: string): ChatMessage {
  const message = object(value, path);
  const role = typeof message.role === 'string' ? ROLES.get(message.role) : undefined;
  if (role === undefined) {
    throw invalidRequest(`${path}.role must be one of ${[...ROLES.keys()].join(', ')}.`, `${path}.role`);
  }
  // An assistant turn that only called tools has null content; this server keeps its (empty) text.
  if (role === 'assistant' && message.content === null) return { role, content: '' };
  return { role, content: textContent(message.content, `${path}.content`) };
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
  const { model, max_tokens, max_completion_tokens, temperature, top_p, seed, stop, stream, stream_options, n } =
    fields;
  if (model !== undefined && typeof model !== 'string') throw invalidRequest('model must be a string.', 'model');
  if (n !== undefined && n !== 1) throw invalidRequest('n must be 1: this server returns one choice.', 'n');
  const maxTokens = max_completion_tokens ?? max_tokens;
  const maxParam = max_completion_tokens === undefined ? 'max_tokens' : 'max_completion_tokens';
  if (maxTokens !== undefined && !(Number.isInteger(maxTokens) && (maxTokens as number) >= 1)) {
    throw invalidRequest(`${maxParam} must be a whole number of at least 1.`, maxParam);
  }
  if (temperature !== undefined && !(typeof temperature === 'number' && temperature >= 0 && temperature <= 2)) {
    throw invalidRequest('temperature must be a number from 0 to 2.', 'temperature');
  }
  if (top_p !== undefined && !(typeof top_p === 'number' && top_p > 0 && top_p <= 1)) {
    throw invalidRequest('top_p must be a number greater than 0 and at most 1.', 'top_p');
  }
  if (seed !== undefined && !Number.isSafeInteger(seed)) throw invalidRequest('seed must be an integer.', 'seed');
  if (stream !== undefined && typeof stream !== 'boolean') throw invalidRequest('stream must be a boolean.', 'stream');
  return {
    ...(typeof model === 'string' ? { model } : {}),
    ...(typeof maxTokens === 'number' ? { maxTokens } : {}),
    temperature: typeof temperature === 'number' ? temperature : DEFAULT_TEMPERATURE,
    ...(typeof top_p === 'number' ? { topP: top_p } : {}),
    ...(typeof seed === 'number' ? { seed } : {}),
    stop: stopSequences(stop),
    stream: stream === true,
    includeUsage:
      stream_options !== null && typeof stream_options === 'object' && 'include_usage' in stream_options
        ? stream_options.include_usage === true
        : false,
  };
}

function stopSequences(stop: unknown): string[] {
  if (stop === undefined) return [];
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
