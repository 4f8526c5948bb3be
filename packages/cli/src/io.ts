import { text } from 'node:stream/consumers';

/** Where a CLI run reads and writes; tests pass their own to run commands in-process. */
export interface CliIo {
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
  readonly cwd: string;
  readonly env: NodeJS.ProcessEnv;
  /** Whether stdout is a terminal: spinners and colours only then. */
  readonly interactive: boolean;
  /** Whether to colour output: a terminal, unless NO_COLOR is set (FORCE_COLOR forces it). */
  readonly color: boolean;
  /** Terminal width for tables. */
  readonly columns: number;
  /** Reads all of standard input (e.g. `kubectl get nodes -o json | switchyard deploy … --nodes -`). */
  readonly readStdin?: () => Promise<string>;
  /** Calls `listener` on Ctrl-C (SIGINT) or SIGTERM until the returned function is called. */
  readonly onStopSignal?: (listener: (signal: NodeJS.Signals) => void) => () => void;
}

const STOP_SIGNALS = ['SIGINT', 'SIGTERM'] as const;

export function processIo(): CliIo {
  return {
    stdout: (text) => process.stdout.write(text),
    stderr: (text) => process.stderr.write(text),
    cwd: process.cwd(),
    env: process.env,
    interactive: Boolean(process.stdout.isTTY) && !process.env.CI,
    color: 'FORCE_COLOR' in process.env || (Boolean(process.stdout.isTTY) && !('NO_COLOR' in process.env)),
    columns: process.stdout.columns || 100,
    readStdin: () => (process.stdin.isTTY ? Promise.resolve('') : text(process.stdin)),
    onStopSignal: (listener) => {
      for (const signal of STOP_SIGNALS) process.on(signal, listener);
      return () => {
        for (const signal of STOP_SIGNALS) process.off(signal, listener);
      };
    },
  };
}
