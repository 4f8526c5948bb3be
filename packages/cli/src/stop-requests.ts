import { ExitCode } from './exit-codes.js';

/** Why a long-running command (launch) was asked to stop, and the exit code that says so. */
export type StopReason =
  | { readonly kind: 'signal'; readonly signal: 'SIGINT' | 'SIGTERM' | 'SIGHUP' }
  /** Whatever started Switchyard (a shell, npx, a supervisor) is gone: nobody is left to stop it. */
  | { readonly kind: 'parent-gone'; readonly parentPid: number }
  /** The reader of stdout went away (`switchyard launch | head -1`). */
  | { readonly kind: 'output-closed' };

export type StopListener = (reason: StopReason) => void;

const STOP_SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;
/** 128 + the signal's number, as a shell reports a command a signal ended. */
const SIGNAL_EXIT_CODES = {
  SIGINT: ExitCode.interrupted,
  SIGTERM: ExitCode.terminated,
  SIGHUP: ExitCode.hangup,
} as const;
/** How often to check that the parent is still there; cheap (one getppid) and quick enough to notice. */
const PARENT_POLL_MS = 500;

/** The exit code for a stop: 128 + signal for signals (a lost parent counts as a hangup), 0 for a closed pipe. */
export function exitCodeFor(reason: StopReason): ExitCode {
  if (reason.kind === 'signal') return SIGNAL_EXIT_CODES[reason.signal];
  return reason.kind === 'parent-gone' ? ExitCode.hangup : ExitCode.ok;
}

/** What happened, in a few words, for the line printed on the way out. */
export function describeStopReason(reason: StopReason): string {
  if (reason.kind === 'signal') return reason.signal === 'SIGINT' ? 'Ctrl-C (SIGINT)' : reason.signal;
  if (reason.kind === 'parent-gone') return `the process that started Switchyard (pid ${reason.parentPid}) went away`;
  return 'the output was closed';
}

let outputClosed = false;
const listeners = new Set<StopListener>();

/** Whether stdout's reader has gone: writing more is pointless. */
export function isOutputClosed(): boolean {
  return outputClosed;
}

/**
 * Calls `listener` on SIGINT, SIGTERM or SIGHUP, when this process's parent exits, and when stdout's
 * reader goes away, until the returned function is called. Node cannot have the kernel signal it when
 * its parent dies (Linux's PR_SET_PDEATHSIG), and a parent killed by SIGTERM (npx, a shell started
 * with setsid) does not pass the signal on; but the kernel then gives this process a new parent, which
 * polling getppid() notices on every platform.
 */
export function onStopRequest(listener: StopListener): () => void {
  const onSignal = (signal: NodeJS.Signals) => listener({ kind: 'signal', signal: signal as 'SIGINT' });
  for (const signal of STOP_SIGNALS) process.on(signal, onSignal);
  const parentPid = process.ppid;
  const watch = setInterval(() => {
    if (process.ppid !== parentPid) {
      clearInterval(watch);
      listener({ kind: 'parent-gone', parentPid });
    }
  }, PARENT_POLL_MS);
  watch.unref();
  listeners.add(listener);
  return () => {
    for (const signal of STOP_SIGNALS) process.off(signal, onSignal);
    clearInterval(watch);
    listeners.delete(listener);
  };
}

/**
 * Watches stdout for a reader that went away (EPIPE): a command that is stopping anyway stops, and
 * one that is not (`switchyard models | head`) exits quietly, as the reader has what it wanted.
 */
export function watchOutputClosed(stream: NodeJS.WriteStream, exit: (code: number) => void): void {
  stream.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code !== 'EPIPE') throw error;
    if (outputClosed) return;
    outputClosed = true;
    if (listeners.size === 0) exit(0);
    for (const listener of listeners) listener({ kind: 'output-closed' });
  });
}
