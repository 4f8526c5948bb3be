import { z } from 'zod';
import { invalidRequest } from './api-error.js';

/**
 * OpenAI's request bodies as zod schemas: the fields every OpenAI-compatible server shares, each
 * checked for its type and range, with unknown fields kept for the engine (tools, logit_bias, …).
 * A server that takes less (one choice, text only) narrows the parsed value itself.
 */

/** A message naming the field and what it takes, used for every way the field can be wrong. */
const says = (message: string) => ({ error: message });

const atLeastOne = (field: string) =>
  z
    .int(says(`${field} must be a whole number of at least 1.`))
    .min(1, says(`${field} must be a whole number of at least 1.`));

const stopText = z.string(says('stop must be a non-empty string or an array of up to 4 of them.')).min(1);

/** OpenAI takes a field set to null as not given. */
const withoutNulls = (value: unknown) =>
  value !== null && typeof value === 'object' && !Array.isArray(value)
    ? Object.fromEntries(Object.entries(value).filter(([, field]) => field !== null))
    : value;

const body = <T extends z.core.$ZodLooseShape>(shape: T) =>
  z.preprocess(withoutNulls, z.looseObject(shape, says('The request body must be a JSON object.')));

/** The model id and the sampling and streaming fields that chat and text completions share. */
const generationFields = {
  model: z.string(says('model must be a string.')).optional(),
  max_tokens: atLeastOne('max_tokens').optional(),
  max_completion_tokens: atLeastOne('max_completion_tokens').optional(),
  temperature: z
    .number(says('temperature must be a number from 0 to 2.'))
    .min(0, says('temperature must be a number from 0 to 2.'))
    .max(2, says('temperature must be a number from 0 to 2.'))
    .optional(),
  top_p: z
    .number(says('top_p must be a number greater than 0 and at most 1.'))
    .gt(0, says('top_p must be a number greater than 0 and at most 1.'))
    .max(1, says('top_p must be a number greater than 0 and at most 1.'))
    .optional(),
  seed: z.int(says('seed must be an integer.')).optional(),
  n: atLeastOne('n').optional(),
  stop: z
    .union(
      [stopText, z.array(stopText).min(1).max(4)],
      says('stop must be a non-empty string or an array of up to 4 of them.'),
    )
    .optional(),
  stream: z.boolean(says('stream must be a boolean.')).optional(),
  stream_options: z
    .looseObject({ include_usage: z.boolean(says('stream_options.include_usage must be a boolean.')).optional() })
    .nullable()
    .optional(),
};

export const CHAT_ROLES = ['system', 'developer', 'user', 'assistant', 'tool', 'function'] as const;

const ChatMessageSchema = z.looseObject(
  {
    role: z.enum(CHAT_ROLES, says(`role must be one of ${CHAT_ROLES.join(', ')}.`)),
    content: z
      .union(
        [z.string(), z.array(z.looseObject({ type: z.string() }))],
        says('content must be a string or an array of content parts.'),
      )
      .nullable()
      .optional(),
  },
  says('each message must be an object with a role and content.'),
);

export const ChatCompletionRequestSchema = body({
  ...generationFields,
  messages: z
    .array(ChatMessageSchema, says('messages must be a non-empty array.'))
    .min(1, says('messages must be a non-empty array.')),
});

const tokens = z.array(z.int());
const textOrTokens = (field: string) =>
  z.union(
    [z.string(), z.array(z.string()), tokens, z.array(tokens)],
    says(`${field} must be a string, an array of strings, or tokens.`),
  );

export const CompletionRequestSchema = body({ ...generationFields, prompt: textOrTokens('prompt') });

export const EmbeddingRequestSchema = body({
  model: generationFields.model,
  input: textOrTokens('input'),
  encoding_format: z.enum(['float', 'base64'], says('encoding_format must be "float" or "base64".')).optional(),
  dimensions: atLeastOne('dimensions').optional(),
});

export type ChatCompletionRequest = z.output<typeof ChatCompletionRequestSchema>;
export type CompletionRequest = z.output<typeof CompletionRequestSchema>;
export type EmbeddingRequest = z.output<typeof EmbeddingRequestSchema>;
export type ChatMessage = ChatCompletionRequest['messages'][number];

/** The OpenAI routes that take a model, with the schema of each one's body. */
export const OPENAI_ENDPOINTS = {
  '/v1/chat/completions': ChatCompletionRequestSchema,
  '/v1/completions': CompletionRequestSchema,
  '/v1/embeddings': EmbeddingRequestSchema,
} as const;

/** Parses a request body, or throws a 400 naming the first wrong field as OpenAI's `param`. */
export function parseOpenAiRequest<T extends z.ZodType>(schema: T, body: unknown): z.output<T> {
  const result = schema.safeParse(body);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const param = issue?.path.join('.') || null;
  throw invalidRequest(issue?.message ?? 'The request body is not valid.', param);
}
