interface Stoppable {
  stop(options?: { force?: boolean }): Promise<unknown>;
}

const SIGNALS = ['SIGINT', 'SIGTERM'] as const;
const running = new Set<Stoppable>();
let installed = false;
let stopping = false;

/**
 * Stops every running engine when this process gets SIGINT or SIGTERM, then lets the signal do
 * what it would have done (unless someone else listens for it, who then decides). Exits of any
 * other kind, SIGKILL included, are the reaper's job. Returns the function that unregisters.
 */
export function guardAgainstOrphans(engine: Stoppable): () => void {
  running.add(engine);
  if (!installed) for (const signal of SIGNALS) process.on(signal, stopAllThenResignal);
  installed = true;
  return () => {
    running.delete(engine);
    if (running.size === 0) uninstall();
  };
}

function uninstall(): void {
  installed = false;
  for (const signal of SIGNALS) process.off(signal, stopAllThenResignal);
}

function stopAllThenResignal(signal: NodeJS.Signals): void {
  // Decided now, while every listener is still there: one that leaves meanwhile had its say.
  const othersListen = process.listenerCount(signal) > 1;
  // A second signal while engines stop means "now".
  if (stopping) {
    for (const engine of running) void engine.stop({ force: true });
    resignal(signal, othersListen);
    return;
  }
  stopping = true;
  void Promise.allSettled([...running].map((engine) => engine.stop())).then(() => {
    stopping = false;
    resignal(signal, othersListen);
  });
}

function resignal(signal: NodeJS.Signals, othersListen: boolean): void {
  uninstall();
  if (!othersListen) process.kill(process.pid, signal);
}
