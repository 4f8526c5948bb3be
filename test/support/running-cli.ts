import { type ChildProcessByStdio, spawn } from 'node:child_process';
import { once } from 'node:events';
import { createInterface, type Interface } from 'node:readline';
import type { Readable } from 'node:stream';
import { CLI_BIN, REPO_ROOT } from './run-cli.js';

/** The built binary running as a user runs it, its output collected as it comes. */
export interface RunningCli {
  readonly child: ChildProcessByStdio<null, Readable, Readable>;
  readonly stdoutLines: Interface;
  stdout: string;
  stderr: string;
  exit: Promise<[number | null, NodeJS.Signals | null]>;
}

const running: RunningCli[] = [];

/** Starts `switchyard ARGV` (needs `npm run build`); `killRunningClis` ends whatever a test left. */
export function startCli(argv: readonly string[], options: { cwd?: string; env?: NodeJS.ProcessEnv } = {}): RunningCli {
  const child = spawn(process.execPath, [CLI_BIN, ...argv], {
    cwd: options.cwd ?? REPO_ROOT,
    env: { ...process.env, NO_COLOR: '1', ...options.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const cli: RunningCli = {
    child,
    stdoutLines: createInterface({ input: child.stdout }),
    stdout: '',
    stderr: '',
    exit: once(child, 'exit') as Promise<[number | null, NodeJS.Signals | null]>,
  };
  cli.stdoutLines.on('line', (line) => {
    cli.stdout += `${line}\n`;
  });
  child.stderr.on('data', (chunk: Buffer) => {
    cli.stderr += chunk.toString();
  });
  running.push(cli);
  return cli;
}

/** The next line of the CLI's stdout that matches; fails with its stderr when it ends first. */
export async function nextStdoutLine(cli: RunningCli, matching: RegExp): Promise<string> {
  for await (const line of cli.stdoutLines) if (matching.test(line)) return line;
  throw new Error(`the CLI ended without printing ${matching}; stderr:\n${cli.stderr}`);
}

/** SIGKILLs every CLI a test started and left running (for afterEach). */
export function killRunningClis(): void {
  for (const { child } of running.splice(0))
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
}
