import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { existsSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { EngineSupervisor } from '../src/engine-supervisor.js';
import { eventually, fakeEngine, survivors } from './fake-engine.js';

// The parent is a separate Node process, so it runs the built package, as a user's program would.
const PARENT = fileURLToPath(new URL('./fixtures/launching-parent.mjs', import.meta.url));
const BUILT = ['../../core/dist/index.js', '../dist/engine-supervisor.js'].map((path) =>
  fileURLToPath(new URL(path, import.meta.url)),
);
const ports = new EngineSupervisor();
const parents: ChildProcess[] = [];

async function parentWithEngine(mode: 'wait' | 'exit', engineArgs: readonly string[] = [], stopTimeoutMs = 500) {
  const { plan, tag } = fakeEngine(await ports.freePort('127.0.0.1'), ['--fork-worker', ...engineArgs]);
  const parent = spawn(process.execPath, [PARENT, mode], {
    stdio: ['ignore', 'pipe', 'inherit'],
    env: { ...process.env, LAUNCH_PLAN: JSON.stringify(plan), STOP_TIMEOUT_MS: String(stopTimeoutMs) },
  });
  parents.push(parent);
  const [line] = (await once(
    createInterface({ input: parent.stdout as NonNullable<ChildProcess['stdout']> }),
    'line',
  )) as [string];
  const { pid } = JSON.parse(line) as { pid: number };
  expect(survivors(tag, pid).length).toBe(2);
  return { parent, tag, pid };
}

beforeAll(() => {
  if (!BUILT.every((path) => existsSync(path)))
    throw new Error('These tests run the built package: run `npx tsc -b` first.');
});

afterEach(() => {
  for (const parent of parents.splice(0))
    if (parent.exitCode === null && parent.signalCode === null) parent.kill('SIGKILL');
});

describe('no engine outlives its parent', () => {
  it('when the parent is killed with SIGKILL', async () => {
    const { parent, tag, pid } = await parentWithEngine('wait');
    parent.kill('SIGKILL');
    await once(parent, 'exit');

    expect(await eventually(() => survivors(tag, pid).length === 0)).toBe(true);
  });

  it('when the parent is killed with SIGKILL and the engine ignores SIGTERM', async () => {
    const { parent, tag, pid } = await parentWithEngine('wait', ['--ignore', 'SIGTERM']);
    parent.kill('SIGKILL');
    await once(parent, 'exit');

    expect(await eventually(() => survivors(tag, pid).length === 0)).toBe(true);
  });

  it('when the parent gets SIGTERM or SIGINT: it stops its engines, then dies of the signal', async () => {
    for (const signal of ['SIGTERM', 'SIGINT'] as const) {
      const { parent, tag, pid } = await parentWithEngine('wait');
      parent.kill(signal);
      const [code, diedOf] = await once(parent, 'exit');

      expect({ code, diedOf }).toEqual({ code: null, diedOf: signal });
      // Stopped before the parent died, not afterwards by the reaper.
      expect(survivors(tag, pid)).toEqual([]);
    }
  });

  it('when the parent gets a second SIGINT while its engine takes its time to stop: killed at once', async () => {
    // The grace period is a minute; only the second signal's SIGKILL ends the engine within the check.
    const { parent, tag, pid } = await parentWithEngine('wait', ['--ignore', 'SIGTERM'], 60_000);
    parent.kill('SIGINT');
    // The engine ignores the SIGTERM that the first signal brought it: it is still there.
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(survivors(tag, pid).length).toBeGreaterThan(0);
    parent.kill('SIGINT');
    await once(parent, 'exit');

    expect(await eventually(() => survivors(tag, pid).length === 0, 5_000)).toBe(true);
  });

  it('when the parent exits while the engine serves', async () => {
    const { parent, tag, pid } = await parentWithEngine('exit');
    await once(parent, 'exit');

    expect(await eventually(() => survivors(tag, pid).length === 0)).toBe(true);
  });
});
