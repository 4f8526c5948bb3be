import { execFileSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import type { LaunchPlan } from '@switchyard/core';

/** The fake engine server the supervisor's tests start (see its header for the switches). */
export const FAKE_ENGINE = fileURLToPath(
  new URL('../../../test/fixtures/fake-engines/fake-engine.mjs', import.meta.url),
);

/** A fake engine run: a plan for it, and the tag that finds its processes in the process table. */
export function fakeEngine(port: number, args: readonly string[] = [], overrides: Partial<LaunchPlan> = {}) {
  const tag = randomUUID();
  const plan: LaunchPlan = {
    backend: 'fake',
    runtime: 'fake-engine',
    command: process.execPath,
    args: [FAKE_ENGINE, '--port', String(port), '--tag', tag, ...args],
    env: {},
    secretEnv: [],
    host: '127.0.0.1',
    port,
    servedModelName: 'fake-model',
    readiness: { method: 'GET', path: '/health', expectStatus: 200 },
    stopSignal: 'SIGTERM',
    installHint: 'it is a test fixture',
    ...overrides,
  };
  return { plan, tag };
}

interface ProcessRow {
  readonly pid: number;
  readonly pgid: number;
  readonly args: string;
}

/** Live processes (zombies excluded) from the real process table. */
export function processTable(): ProcessRow[] {
  const output = execFileSync('ps', ['-eo', 'pid=,pgid=,stat=,args='], { encoding: 'utf8' });
  return output
    .split('\n')
    .map((line) => line.trim().match(/^(\d+)\s+(\d+)\s+(\S+)\s+(.*)$/))
    .filter((match): match is RegExpMatchArray => match !== null && !match[3]?.startsWith('Z'))
    .map((match) => ({ pid: Number(match[1]), pgid: Number(match[2]), args: match[4] ?? '' }));
}

/** Processes of a fake engine run, found by its tag, and members of the given process group. */
export function survivors(tag: string, pgid?: number): ProcessRow[] {
  return processTable().filter((row) => row.args.includes(tag) || (pgid !== undefined && row.pgid === pgid));
}

/** Polls until `check` holds or `timeoutMs` passes; returns whether it held. */
export async function eventually(check: () => boolean, timeoutMs = 10_000): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (check()) return true;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return check();
}
