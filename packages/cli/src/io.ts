import { text } from 'node:stream/consumers';
import { isOutputClosed, onStopRequest, type StopListener } from './stop-requests.js';

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
  /** The OS the command runs on (launch refuses those its supervisor does not support). */
  readonly platform?: NodeJS.Platform;
  /**
   * Calls `listener` when the command should stop: a signal, its parent gone, its output closed;
   * until the returned function is called.
   */
  readonly onStopRequest?: (listener: StopListener) => () => void;
}

export function processIo(): CliIo {
  return {
    // After the reader has gone, output has nowhere to go; writing it would only raise EPIPE again.
    stdout: (text) => {
      if (!isOutputClosed()) process.stdout.write(text);
    },
    stderr: (text) => process.stderr.write(text),
    cwd: process.cwd(),
    env: process.env,
    interactive: Boolean(process.stdout.isTTY) && !process.env.CI,
    color: 'FORCE_COLOR' in process.env || (Boolean(process.stdout.isTTY) && !('NO_COLOR' in process.env)),
    columns: process.stdout.columns || 100,
    readStdin: () => (process.stdin.isTTY ? Promise.resolve('') : text(process.stdin)),
    platform: process.platform,
    onStopRequest,
  };
}
