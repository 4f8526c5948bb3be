import type { ReadinessCheck } from '@switchyard/core';

const FIRST_DELAY_MS = 10;
const MAX_DELAY_MS = 250;
const BACKOFF = 1.5;
/** One probe may wait this long for an answer; a loading engine can be slow to answer. */
const PROBE_TIMEOUT_MS = 5_000;

/**
 * Repeats an engine's readiness check until it passes. Probes back off from 10 ms to 250 ms. New
 * engine output usually means its state changed (`noticeOutput`), so it brings the next probe
 * forward to 10 ms and restarts the backoff: the lag between ready and noticing it stays small
 * without hammering an engine that takes minutes to load.
 */
export class ReadinessProbe {
  private readonly url: string;
  private nudged = false;
  private wake: (() => void) | undefined;

  constructor(
    baseUrl: string,
    private readonly check: ReadinessCheck,
  ) {
    this.url = `${baseUrl}${check.path}`;
  }

  noticeOutput(line: string): void {
    // Access-log lines about our own probes name the path and say nothing new.
    if (line.includes(this.check.path)) return;
    this.nudged = true;
    this.wake?.();
  }

  /** Resolves once the check passes; rejects with the signal's reason when it is aborted. */
  async waitUntilReady(signal: AbortSignal): Promise<void> {
    let delay = FIRST_DELAY_MS;
    for (;;) {
      this.nudged = false;
      if (await this.probe(signal)) return;
      await this.pause(this.nudged ? FIRST_DELAY_MS : delay, signal);
      delay = this.nudged ? FIRST_DELAY_MS : Math.min(delay * BACKOFF, MAX_DELAY_MS);
    }
  }

  private async probe(signal: AbortSignal): Promise<boolean> {
    signal.throwIfAborted();
    const { method, body, expectStatus } = this.check;
    try {
      const response = await fetch(this.url, {
        method,
        ...(body === undefined ? {} : { headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }),
        signal: AbortSignal.any([signal, AbortSignal.timeout(PROBE_TIMEOUT_MS)]),
      });
      await response.body?.cancel();
      return response.status === expectStatus;
    } catch {
      // Refused, reset or timed out: the engine is not serving yet.
      signal.throwIfAborted();
      return false;
    }
  }

  /** Waits `ms`, or less when output arrives meanwhile. */
  private pause(ms: number, signal: AbortSignal): Promise<void> {
    return new Promise((resolve, reject) => {
      if (signal.aborted) return reject(signal.reason);
      const until = performance.now() + ms;
      const settle = (outcome: () => void) => {
        clearTimeout(timer);
        signal.removeEventListener('abort', onAbort);
        this.wake = undefined;
        outcome();
      };
      const onAbort = () => settle(() => reject(signal.reason));
      let timer = setTimeout(() => settle(resolve), ms);
      this.wake = () => {
        if (until - performance.now() <= FIRST_DELAY_MS) return;
        clearTimeout(timer);
        timer = setTimeout(() => settle(resolve), FIRST_DELAY_MS);
      };
      signal.addEventListener('abort', onAbort, { once: true });
    });
  }
}
