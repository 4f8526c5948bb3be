import type { EngineLogLine } from '@switchyard/core';

/** How many of an engine's latest log lines are kept for `recentLogs()` and error messages. */
export const RECENT_LOG_LINES = 200;

type Listener = (line: EngineLogLine) => void;

/**
 * An engine's log: the last lines kept, synchronous listeners, and an async iterable that yields
 * every line printed after iteration began and finishes when the engine's output ends.
 */
export class LogLines implements AsyncIterable<EngineLogLine> {
  private readonly kept: EngineLogLine[] = [];
  private readonly listeners = new Set<Listener>();
  private ended = false;
  private readonly endListeners = new Set<() => void>();

  constructor(private readonly keep = RECENT_LOG_LINES) {}

  push(line: EngineLogLine): void {
    this.kept.push(line);
    if (this.kept.length > this.keep) this.kept.shift();
    for (const listener of this.listeners) listener(line);
  }

  end(): void {
    if (this.ended) return;
    this.ended = true;
    for (const listener of this.endListeners) listener();
    this.endListeners.clear();
  }

  /** The last `count` lines kept, oldest first. */
  recent(count = this.keep): readonly EngineLogLine[] {
    return this.kept.slice(-count);
  }

  /** Calls `listener` with every new line until the returned function is called. */
  listen(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  [Symbol.asyncIterator](): AsyncIterator<EngineLogLine> {
    const queue: EngineLogLine[] = [];
    let wake: (() => void) | undefined;
    let done = this.ended;
    const unlisten = this.listen((line) => {
      queue.push(line);
      wake?.();
    });
    const onEnd = () => {
      done = true;
      wake?.();
    };
    this.endListeners.add(onEnd);
    const close = () => {
      done = true;
      unlisten();
      this.endListeners.delete(onEnd);
    };
    return {
      next: async () => {
        while (queue.length === 0 && !done) {
          await new Promise<void>((resolve) => {
            wake = resolve;
          });
          wake = undefined;
        }
        const line = queue.shift();
        if (line === undefined) {
          close();
          return { done: true, value: undefined };
        }
        return { done: false, value: line };
      },
      return: async () => {
        close();
        queue.length = 0;
        return { done: true, value: undefined };
      },
    };
  }
}
