import { randomUUID } from 'node:crypto';
import { ApiError, modelNotFound, serverError, startEventStream } from '@switchyard/openai-http';
import type { FastifyReply } from 'fastify';
import type { Generation, LoadedModel } from './loaded-model.js';
import { type GenerationParams, parseChatRequest, parseCompletionRequest } from './requests.js';

export type Endpoint = 'chat' | 'text';

/** The OpenAI object names of each endpoint's answers. */
const OBJECTS = {
  chat: { whole: 'chat.completion', chunk: 'chat.completion.chunk', idPrefix: 'chatcmpl' },
  text: { whole: 'text_completion', chunk: 'text_completion', idPrefix: 'cmpl' },
} as const;

/**
 * POST /v1/chat/completions and /v1/completions: validate, generate, answer whole or streamed. A
 * whole answer is returned for Fastify to send; a stream is written here, and an error once it has
 * begun ends it as an error event.
 */
export async function handleCompletion(
  endpoint: Endpoint,
  body: unknown,
  model: LoadedModel,
  alias: string,
  reply: FastifyReply,
  /** Told the finished generation, whose token counts the request's log line shows. */
  onGeneration: (generation: Generation) => void,
): Promise<unknown> {
  const request = endpoint === 'chat' ? parseChatRequest(body) : parseCompletionRequest(body);
  if (request.model !== undefined && request.model !== alias) {
    throw modelNotFound(request.model, [alias]);
  }
  const prompt = model.prompt('messages' in request ? { messages: request.messages } : { prompt: request.prompt });
  const answer = new Answer(endpoint, alias);
  const aborted = new AbortController();
  reply.raw.on('close', () => aborted.abort());
  if (!request.stream) {
    const generation = await model.generate(prompt, generationOptions(request, aborted.signal));
    onGeneration(generation);
    return answer.whole(generation);
  }
  reply.hijack();
  const events = startEventStream(reply.raw);
  try {
    if (endpoint === 'chat') events.send(answer.chunk({ role: 'assistant', content: '' }, null));
    const generation = await model.generate(prompt, {
      ...generationOptions(request, aborted.signal),
      onText: (text) => events.send(answer.chunk(endpoint === 'chat' ? { content: text } : text, null)),
    });
    onGeneration(generation);
    events.send(answer.chunk(endpoint === 'chat' ? {} : '', generation.finishReason));
    if (request.includeUsage) events.send(answer.usageChunk(generation));
    await events.done();
  } catch (error) {
    await events.fail(error instanceof ApiError ? error : serverError(String(error)));
  }
  return reply;
}

function generationOptions(request: GenerationParams, signal: AbortSignal) {
  return {
    ...(request.maxTokens === undefined ? {} : { maxTokens: request.maxTokens }),
    temperature: request.temperature,
    ...(request.topP === undefined ? {} : { topP: request.topP }),
    ...(request.seed === undefined ? {} : { seed: request.seed }),
    stop: request.stop,
    signal,
  };
}

/** Builds one request's response objects; every chunk shares the id and creation time. */
class Answer {
  private readonly id: string;
  private readonly created = Math.floor(Date.now() / 1000);

  constructor(
    private readonly endpoint: Endpoint,
    private readonly model: string,
  ) {
    this.id = `${OBJECTS[endpoint].idPrefix}-${randomUUID()}`;
  }

  whole(generation: Generation) {
    const choice =
      this.endpoint === 'chat'
        ? { index: 0, message: { role: 'assistant', content: generation.text }, finish_reason: generation.finishReason }
        : { index: 0, text: generation.text, logprobs: null, finish_reason: generation.finishReason };
    return { ...this.envelope(OBJECTS[this.endpoint].whole), choices: [choice], usage: usage(generation) };
  }

  /** A streamed piece: a chat delta or a run of text, with the finish reason on the last one. */
  chunk(piece: Record<string, string> | string, finishReason: Generation['finishReason'] | null) {
    const choice =
      typeof piece === 'string'
        ? { index: 0, text: piece, logprobs: null, finish_reason: finishReason }
        : { index: 0, delta: piece, finish_reason: finishReason };
    return { ...this.envelope(OBJECTS[this.endpoint].chunk), choices: [choice] };
  }

  /** With `stream_options.include_usage`, OpenAI ends the stream with a chunk of no choices and the usage. */
  usageChunk(generation: Generation) {
    return { ...this.envelope(OBJECTS[this.endpoint].chunk), choices: [], usage: usage(generation) };
  }

  private envelope(object: string) {
    return { id: this.id, object, created: this.created, model: this.model };
  }
}

function usage(generation: Generation) {
  return {
    prompt_tokens: generation.promptTokens,
    completion_tokens: generation.completionTokens,
    total_tokens: generation.promptTokens + generation.completionTokens,
  };
}
