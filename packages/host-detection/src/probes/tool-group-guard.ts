import { killProcessGroup } from '@switchyard/core';

const SIGNALS = ['SIGINT', 'SIGTERM'] as const;
const liveGroups = new Set<number>();
let installed = false;

/**
 * Kills the process group `pgid` (a probe's tool and what it spawned) if this process exits or
 * gets SIGINT or SIGTERM while the tool runs: the tool has a group of its own, so Ctrl-C never
 * reaches it, and nothing else would end a hanging nvidia-smi. Returns the function that forgets
 * the group once the tool has ended.
 */
export function killGroupOnExit(pgid: number): () => void {
  liveGroups.add(pgid);
  if (!installed) install();
  return () => {
    liveGroups.delete(pgid);
    if (liveGroups.size === 0) uninstall();
  };
}

function install(): void {
  installed = true;
  process.on('exit', killLiveGroups);
  // First in line, so that a guard listening after this one (the engines') counts the listeners
  // that are left once this one is gone.
  for (const signal of SIGNALS) process.prependListener(signal, killLiveGroupsThenResignal);
}

function uninstall(): void {
  installed = false;
  process.off('exit', killLiveGroups);
  for (const signal of SIGNALS) process.off(signal, killLiveGroupsThenResignal);
}

// Synchronous: on 'exit', and on a signal nobody else handles, nothing runs afterwards.
function killLiveGroups(): void {
  for (const pgid of liveGroups) killProcessGroup(pgid);
}

/** Kills the tools, then lets the signal do what it would have done, unless someone else decides. */
function killLiveGroupsThenResignal(signal: NodeJS.Signals): void {
  const othersListen = process.listenerCount(signal) > 1;
  killLiveGroups();
  uninstall();
  if (!othersListen) process.kill(process.pid, signal);
}
