import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { eventually, processTable } from '../../supervisor/test/fake-engine.js';
import { fakeTools, hangsWritingPid } from './fake-tools.js';

const RUN_TS = fileURLToPath(new URL('../../../test/support/run-ts.mjs', import.meta.url));
const DETECTING = fileURLToPath(new URL('./fixtures/detecting-process.js', import.meta.url));
const children: ChildProcess[] = [];
const toolGroups: number[] = [];

afterEach(() => {
  for (const child of children.splice(0))
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  for (const group of toolGroups.splice(0)) {
    try {
      process.kill(-group, 'SIGKILL');
    } catch {
      // Gone, as it should be.
    }
  }
});

/** A Node process detecting the host while a hanging nvidia-smi runs; resolves once that has started. */
async function detectingWithHangingTool() {
  const tools = await fakeTools();
  const pidFile = join(tools.root, 'nvidia-smi.pid');
  await tools.tool('nvidia-smi', hangsWritingPid(pidFile));
  const child = spawn(process.execPath, [RUN_TS, DETECTING, tools.bin], {
    stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
  });
  children.push(child);
  const exited = once(child, 'exit') as Promise<[number | null, NodeJS.Signals | null]>;
  const pid = () => (existsSync(pidFile) ? Number(readFileSync(pidFile, 'utf8')) : 0);
  expect(await eventually(() => pid() > 0, 15_000)).toBe(true);
  const group = pid();
  toolGroups.push(group);
  // Zombies do not count: once the tool's parent is gone, nothing here may reap it.
  const toolGroupAlive = () => processTable().some((row) => row.pgid === group);
  expect(toolGroupAlive()).toBe(true);
  return { child, exited, toolGroupAlive };
}

describe('a probe tool does not outlive the process that detects', () => {
  it.each(['SIGINT', 'SIGTERM'] as const)(
    'when it gets %s: the tool dies, then the process dies of the signal',
    async (signal) => {
      const { child, exited, toolGroupAlive } = await detectingWithHangingTool();
      child.kill(signal);
      const [code, diedOf] = await exited;

      expect({ code, diedOf }).toEqual({ code: null, diedOf: signal });
      expect(await eventually(() => !toolGroupAlive(), 2000)).toBe(true);
    },
  );

  it('when it exits', async () => {
    const { child, exited, toolGroupAlive } = await detectingWithHangingTool();
    child.send('exit');
    const [code] = await exited;

    expect(code).toBe(0);
    expect(await eventually(() => !toolGroupAlive(), 2000)).toBe(true);
  });
});
