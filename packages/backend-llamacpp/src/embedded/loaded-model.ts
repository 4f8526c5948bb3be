import {
  type ChatHistoryItem,
  getLlama,
  type Llama,
  LlamaChat,
  LlamaCompletion,
  type LlamaContextSequence,
  LlamaLogLevel,
  type Token,
} from 'node-llama-cpp';
import type { ServerArgs } from './args.js';
import type { ChatMessage } from './requests.js';

export type GenerationInput = { readonly prompt: string } | { readonly messages: readonly ChatMessage[] };

export interface GenerateOptions {
  readonly maxTokens?: number;
  readonly temperature: number;
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

/**
 * The model, one context and its single sequence. Requests take turns (one generation at a time),
 * and each starts from an empty sequence so that usage counts the whole prompt.
 */
export class LoadedModel {
  private queue: Promise<unknown> = Promise.resolve();

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

  generate(input: GenerationInput, options: GenerateOptions): Promise<Generation> {
    const turn = this.queue.then(() => this.run(input, options));
    this.queue = turn.catch(() => undefined);
    return turn;
  }

  dispose(): Promise<void> {
    return this.llama.dispose();
  }

  private async run(input: GenerationInput, options: GenerateOptions): Promise<Generation> {
    options.signal.throwIfAborted();
    await this.sequence.clearHistory();
    let promptTokens: number | undefined;
    let completionTokens = 0;
    const common = {
      maxTokens: options.maxTokens ?? this.contextSize,
      temperature: options.temperature,
      customStopTriggers: [...options.stop],
      signal: options.signal,
      ...(options.onText ? { onTextChunk: options.onText } : {}),
      onToken: (tokens: Token[]) => {
        // The sequence holds exactly the prompt when the first token arrives.
        promptTokens ??= this.sequence.contextTokens.length;
        completionTokens += tokens.length;
      },
    };
    const { text, stopReason } =
      'prompt' in input
        ? await this.completion
            .generateCompletionWithMeta(input.prompt, common)
            .then((r) => ({ text: r.response, stopReason: r.metadata.stopReason }))
        : await this.chat
            .generateResponse(chatHistory(input.messages), common)
            .then((r) => ({ text: r.response, stopReason: r.metadata.stopReason }));
    return {
      text,
      finishReason: stopReason === 'maxTokens' ? 'length' : 'stop',
      promptTokens: promptTokens ?? this.sequence.contextTokens.length,
      completionTokens,
    };
  }
}

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
