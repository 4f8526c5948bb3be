import { stripVTControlCharacters } from 'node:util';
import yoctoSpinner from 'yocto-spinner';
import type { CliIo } from '../io.js';

/** What `launch` shows while an engine loads. */
export interface LoadingProgress {
  /** A line the engine printed while loading. */
  log(line: string): void;
  /** Loading is over, either way; `message` says how it ended. */
  finish(outcome: 'ready' | 'failed', message: string): void;
}

const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

/**
 * On a terminal, a spinner with the elapsed time and the engine's latest log line. Elsewhere (a
 * pipe, CI, --json) the engine's lines as they come, on stderr, and nothing else.
 */
export function loadingProgress(io: CliIo, what: string, showSpinner: boolean): LoadingProgress {
  const startedAt = performance.now();
  if (!showSpinner) {
    return {
      log: (line) => io.stderr(`${line}\n`),
      finish: () => {},
    };
  }
  let latest = '';
  const spinner = yoctoSpinner({ stream: process.stderr, handleSignals: false });
  const render = () => {
    const head = `Starting ${what}… ${seconds(performance.now() - startedAt)}`;
    const room = io.columns - head.length - 6;
    spinner.text = latest && room > 10 ? `${head}  ${latest.slice(0, room)}` : head;
  };
  render();
  spinner.start();
  const ticker = setInterval(render, 1000);
  return {
    log: (line) => {
      latest = stripVTControlCharacters(line).trim();
      render();
    },
    finish: (outcome, message) => {
      clearInterval(ticker);
      const text = `${message} (${seconds(performance.now() - startedAt)})`;
      if (outcome === 'ready') spinner.success(text);
      else spinner.error(text);
    },
  };
}
