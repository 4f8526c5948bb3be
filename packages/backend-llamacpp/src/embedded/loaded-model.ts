import { randomInt } from 'node:crypto';
import {
  type ChatHistoryItem,
  getLlama,
  type Llama,
  LlamaChat,
  LlamaCompletion,
  type LlamaCompletionGenerationOptions,
  type LlamaContextSequence,
  LlamaLogLevel,
} from 'node-llama-cpp';
import type { ServerArgs } from './args.js';
import { contextLengthExceeded, shuttingDown } from './errors.js';
import type { ChatMessage } from './requests.js';
import { StopSequences } from './stop-sequences.js';

export type GenerationInput = { readonly prompt: string } | { readonly messages: readonly ChatMessage[] };

export interface GenerateOptions {
  readonly maxTokens?: number;
  readonly temperature: number;
  readonly topP?: number;
  readonly seed?: number;
  readonly stop: readonly string[];
  readonly onText?: (text: string) => void;
  readonly signal: AbortSignal;
}

export interface Generation {
  readonly text: string;
  readonly finishReason: 'stop' | 'length';
  readonly promptTokens: number;
  readonly completionTokens: number;
}

/** What node-llama-cpp evaluates: a text prompt, or the chat history it renders with the chat wrapper. */
type PromptInput = { readonly text: string } | { readonly history: ChatHistoryItem[] };

/** A prompt that fits the context, with its token count. */
export type Prompt = PromptInput & { readonly tokens: number };

/**
 * Room node-llama-cpp needs past the prompt: LlamaChat cuts the history unless one context slot
 * stays free, and the answer needs at least one token.
 */
const ANSWER_ROOM = 2;
/** llama.cpp's seeds are 32-bit; OpenAI's are any integer. */
const SEED_RANGE = 2 ** 32;

/**
 * The model, one context and its single sequence. Requests take turns (one generation at a time),
 * and each starts from an empty sequence so that usage counts the whole prompt.
 */
export class LoadedModel {
  private queue: Promise<unknown> = Promise.resolve();
  private readonly closing = new AbortController();

  private constructor(
    private readonly llama: Llama,
    private readonly sequence: LlamaContextSequence,
    private readonly completion: LlamaCompletion,
    private readonly chat: LlamaChat,
  ) {}

  static async load(args: ServerArgs): Promise<LoadedModel> {
    // build 'never': a missing binary is an error to report, not a compile to start inside a server.
    const llama = await getLlama({ gpu: args.gpu, build: 'never', logLevel: LlamaLogLevel.error });
    // node-llama-cpp's CPU default is at least 4 threads, which oversubscribes small machines.
    llama.maxThreads = args.threads ?? llama.cpuMathCores;
    try {
      const model = await llama.loadModel({ modelPath: args.model });
      const context = await model.createContext(
        args.contextSize === undefined ? {} : { contextSize: args.contextSize },
      );
      const sequence = context.getSequence();
      return new LoadedModel(
        llama,
        sequence,
        new LlamaCompletion({ contextSequence: sequence }),
        new LlamaChat({ contextSequence: sequence }),
      );
    } catch (error) {
      await llama.dispose();
      throw error;
    }
  }

  get gpu(): string {
    return this.llama.gpu === false ? 'cpu' : this.llama.gpu;
  }

  get contextSize(): number {
    return this.sequence.context.contextSize;
  }

  /**
   * The input as node-llama-cpp will evaluate it, its tokens counted. A prompt too long for the
   * context is refused here: node-llama-cpp would cut it silently to fit.
   */
  prompt(input: GenerationInput): Prompt {
    this.closing.signal.throwIfAborted();
    const prompt: PromptInput = 'prompt' in input ? { text: input.prompt } : { history: chatHistory(input.messages) };
    const tokens = this.countTokens(prompt);
    const maxPromptTokens = this.contextSize - ANSWER_ROOM;
    if (tokens > maxPromptTokens) {
      throw contextLengthExceeded(tokens, this.contextSize, maxPromptTokens, 'text' in prompt ? 'prompt' : 'messages');
    }
    return { ...prompt, tokens };
  }

  /** Queues a generation; they run one at a time. */
  generate(prompt: Prompt, options: GenerateOptions): Promise<Generation> {
    const signal = AbortSignal.any([options.signal, this.closing.signal]);
    const turn = this.queue.then(() => this.run(prompt, { ...options, signal }));
    this.queue = turn.catch(() => undefined);
    return turn;
  }

  /** Aborts the running and queued generations, waits until they have settled, then frees the model. */
  async close(): Promise<void> {
    this.closing.abort(shuttingDown());
    await this.queue;
    await this.llama.dispose();
  }

  private async run(prompt: Prompt, options: GenerateOptions): Promise<Generation> {
    options.signal.throwIfAborted();
    await this.sequence.clearHistory();
    // Stop sequences are found here rather than by node-llama-cpp, which drops text it held back for
    // one that never completed.
    const stops = new StopSequences(options.stop);
    const stopped = new AbortController();
    let text = '';
    const release = (piece: string) => {
      if (piece === '') return;
      text += piece;
      options.onText?.(piece);
    };
    const stopReason = await this.evaluate(prompt, {
      // At most the context's room past the prompt: beyond it node-llama-cpp would shift the context.
      maxTokens: Math.min(options.maxTokens ?? Number.POSITIVE_INFINITY, this.contextSize - prompt.tokens),
      temperature: options.temperature,
      ...(options.topP === undefined ? {} : { topP: options.topP }),
      // Without a seed node-llama-cpp takes the current second, so same-second requests would match.
      seed: options.seed === undefined ? randomInt(SEED_RANGE) : options.seed >>> 0,
      signal: AbortSignal.any([options.signal, stopped.signal]),
      stopOnAbortSignal: true,
      onTextChunk: (chunk: string) => {
        release(stops.push(chunk));
        if (stops.stopped) stopped.abort();
      },
    });
    options.signal.throwIfAborted();
    release(stops.flush());
    return {
      text,
      finishReason: !stops.stopped && stopReason === 'maxTokens' ? 'length' : 'stop',
      promptTokens: prompt.tokens,
      // The sequence holds the prompt and every generated token but the last, which ended the generation.
      completionTokens: this.sequence.nextTokenIndex - prompt.tokens + 1,
    };
  }

  private async evaluate(prompt: PromptInput, options: EvaluateOptions): Promise<string> {
    if ('history' in prompt) return (await this.chat.generateResponse(prompt.history, options)).metadata.stopReason;
    // A shift of 1 keeps every prompt token that fits: node-llama-cpp cuts the prompt to leave room for a shift.
    const { metadata } = await this.completion.generateCompletionWithMeta(prompt.text, {
      ...options,
      contextShiftSize: 1,
    });
    return metadata.stopReason;
  }

  /** The prompt's tokens exactly as node-llama-cpp will evaluate them. */
  private countTokens(prompt: PromptInput): number {
    const model = this.sequence.model;
    if ('history' in prompt) {
      const { contextText } = this.chat.chatWrapper.generateContextState({ chatHistory: prompt.history });
      return contextText.tokenize(model.tokenizer).length;
    }
    // LlamaCompletion prepends the beginning-of-sequence token itself and then trims the text's leading space.
    const bos = model.tokens.shouldPrependBosToken && model.tokens.bos !== null;
    return model.tokenize(prompt.text, false, bos ? 'trimLeadingSpace' : undefined).length + (bos ? 1 : 0);
  }
}

/** The generation options LlamaCompletion and LlamaChat share. */
type EvaluateOptions = Pick<
  LlamaCompletionGenerationOptions,
  'maxTokens' | 'temperature' | 'topP' | 'seed' | 'signal' | 'stopOnAbortSignal' | 'onTextChunk'
>;

/** OpenAI messages as node-llama-cpp's chat history, ending with the model's turn to answer. */
function chatHistory(messages: readonly ChatMessage[]): ChatHistoryItem[] {
  const history: ChatHistoryItem[] = messages.map((message) => {
    if (message.role === 'system') return { type: 'system', text: message.content };
    if (message.role === 'user') return { type: 'user', text: message.content };
    return { type: 'model', response: [message.content] };
  });
  history.push({ type: 'model', response: [] });
  return history;
}
