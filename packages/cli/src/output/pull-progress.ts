import type { FetchProgress } from '@switchyard/core';
import yoctoSpinner from 'yocto-spinner';
import type { CliIo } from '../io.js';
import { bytes, duration } from './byte-sizes.js';

/** What `pull` (and `launch`, when it pulls first) shows while files arrive. */
export interface PullDisplay {
  update(progress: FetchProgress): void;
  /** The pull is over, either way. */
  stop(): void;
}

/** The rate is measured over the last few seconds, so that it follows the network's pace. */
const RATE_WINDOW_MS = 5_000;
/** Without a terminal, a line this often while a large file arrives. */
const PLAIN_EVERY_MS = 10_000;
const BAR_WIDTH = 24;

const OUTCOME: Readonly<Record<NonNullable<FetchProgress['outcome']>, string>> = {
  present: 'already in the cache',
  downloaded: 'downloaded',
  resumed: 'downloaded (resumed where it stopped)',
  replaced: 'the cached copy was damaged; downloaded again',
};

/**
 * On a terminal, one line redrawn in place: the file, a bar, bytes done of the total, the rate and
 * the time left. Elsewhere (a pipe, CI, a log) plain lines on stderr: each file as it starts and
 * ends, and a progress line every ten seconds.
 */
export function pullDisplay(io: CliIo, live: boolean): PullDisplay {
  const samples: { at: number; fetched: number }[] = [];
  const rate = (now: number, fetched: number) => {
    samples.push({ at: now, fetched });
    while (samples.length > 2 && now - (samples[0]?.at ?? now) > RATE_WINDOW_MS) samples.shift();
    const first = samples[0];
    return first && now > first.at ? ((fetched - first.fetched) * 1000) / (now - first.at) : 0;
  };
  const figures = (p: FetchProgress, perSecond: number) => {
    const left = p.bytesTotal - p.bytesDone;
    const eta = perSecond > 0 && left > 0 ? `, ETA ${duration(left / perSecond)}` : '';
    return `${bytes(p.bytesDone)} / ${bytes(p.bytesTotal)}${perSecond > 0 ? `, ${bytes(perSecond)}/s` : ''}${eta}`;
  };

  if (!live) {
    let lastLine = 0;
    let current = '';
    return {
      update: (p) => {
        const now = performance.now();
        const perSecond = rate(now, p.bytesFetched);
        if (p.stage === 'done') {
          io.stderr(`${p.path}: ${OUTCOME[p.outcome ?? 'present']} (${figures(p, 0)})\n`);
          current = '';
          return;
        }
        if (current !== p.path) {
          current = p.path;
          lastLine = now;
          io.stderr(`${p.stage === 'verifying' ? 'Verifying' : 'Downloading'} ${p.path}…\n`);
        } else if (now - lastLine >= PLAIN_EVERY_MS) {
          lastLine = now;
          io.stderr(`  ${figures(p, perSecond)}\n`);
        }
      },
      stop: () => {},
    };
  }

  const spinner = yoctoSpinner({ stream: process.stderr, handleSignals: false });
  let started = false;
  return {
    update: (p) => {
      const perSecond = rate(performance.now(), p.bytesFetched);
      const done = p.bytesTotal > 0 ? Math.min(1, p.bytesDone / p.bytesTotal) : 1;
      const filled = Math.round(done * BAR_WIDTH);
      const bar = `${'█'.repeat(filled)}${'░'.repeat(BAR_WIDTH - filled)}`;
      const what = p.stage === 'verifying' ? `verifying ${p.path}` : p.path;
      const line = `${bar} ${figures(p, perSecond)}  ${what}`;
      spinner.text = line.slice(0, Math.max(20, io.columns - 4));
      if (!started) {
        started = true;
        spinner.start();
      }
    },
    stop: () => {
      if (started) spinner.stop();
    },
  };
}
