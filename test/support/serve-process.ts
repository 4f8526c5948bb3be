import { type ChildProcessByStdio, spawn } from 'node:child_process';
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import type { Readable } from 'node:stream';
import { CLI_BIN } from './run-cli.js';

export interface ReadyEvent {
  readonly event: 'ready';
  readonly url: string;
  readonly baseUrl: string;
  readonly models: readonly { name: string; engine: string }[];
}

export interface ServeProcess {
  readonly child: ChildProcessByStdio<null, Readable, Readable>;
  readonly ready: ReadyEvent;
  /** What the server has written to stderr so far. */
  stderr(): string;
  /** Sends the signal and resolves with the exit code once the process has exited. */
  stop(signal?: NodeJS.Signals): Promise<number | null>;
  /** GET /switchyard/status: each model as the server tracks it. */
  status(): Promise<{ models: { name: string; state: string; pid: number | null }[] }>;
  /** GET /metrics as text. */
  metrics(): Promise<string>;
}

/** `switchyard serve --json --port 0 ARGS` as a user runs it (the built binary), once it is listening. */
export async function startServe(
  args: readonly string[],
  options: { cwd: string; apiKey?: string; env?: NodeJS.ProcessEnv },
): Promise<ServeProcess> {
  const child = spawn(process.execPath, [CLI_BIN, 'serve', '--json', '--port', '0', ...args], {
    cwd: options.cwd,
    env: { ...process.env, NO_COLOR: '1', ...options.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  const exited = once(child, 'exit') as Promise<[number | null, NodeJS.Signals | null]>;
  let ready: ReadyEvent | undefined;
  for await (const line of createInterface({ input: child.stdout })) {
    ready = JSON.parse(line) as ReadyEvent;
    break;
  }
  if (ready === undefined) throw new Error(`serve exited before it was ready:\n${stderr}`);
  const headers: Record<string, string> = options.apiKey ? { authorization: `Bearer ${options.apiKey}` } : {};
  const get = (path: string) => fetch(`${ready.url}${path}`, { headers });
  return {
    child,
    ready,
    stderr: () => stderr,
    async stop(signal = 'SIGINT') {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      const [code] = await exited;
      return code;
    },
    status: async () => (await get('/switchyard/status')).json(),
    metrics: async () => (await get('/metrics')).text(),
  };
}

/** The value of one Prometheus sample, e.g. `switchyard_cold_starts_total{model="a"}`; 0 when absent. */
export function metric(text: string, sample: string): number {
  const line = text.split('\n').find((candidate) => candidate.startsWith(`${sample} `));
  return line === undefined ? 0 : Number(line.slice(sample.length + 1));
}

/** Polls until `check` holds, or gives up after `timeoutMs` and returns false. */
export async function eventually(check: () => Promise<boolean> | boolean, timeoutMs = 15_000): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (await check()) return true;
    if (Date.now() > deadline) return false;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
