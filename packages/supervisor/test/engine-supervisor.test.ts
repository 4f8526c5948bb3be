import { existsSync, readlinkSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import type { EngineHandle, EngineLogLine } from '@switchyard/core';
import { afterEach, describe, expect, it } from 'vitest';
import { EngineSupervisor } from '../src/engine-supervisor.js';
import { fakeEngine, survivors } from './fake-engine.js';

const supervisor = new EngineSupervisor();
const started: EngineHandle[] = [];

async function start(...args: Parameters<EngineSupervisor['start']>): Promise<EngineHandle> {
  const handle = await supervisor.start(...args);
  started.push(handle);
  return handle;
}

async function collect(logs: AsyncIterable<EngineLogLine>): Promise<string[]> {
  const lines: string[] = [];
  for await (const entry of logs) lines.push(entry.line);
  return lines;
}

afterEach(async () => {
  await Promise.all(started.splice(0).map((handle) => handle.stop()));
});

describe('EngineSupervisor.start', () => {
  it('resolves once the readiness check passes, with a handle that reaches the engine', async () => {
    const port = await supervisor.freePort('127.0.0.1');
    const { plan } = fakeEngine(port, ['--ready-after', '300']);
    const loading: string[] = [];
    const handle = await start(plan, { onLog: (line) => loading.push(line) });

    expect(handle).toMatchObject({
      backend: 'fake',
      port,
      url: `http://127.0.0.1:${port}`,
      baseUrl: `http://127.0.0.1:${port}/v1`,
      plan,
    });
    expect((await fetch(`${handle.url}/health`)).status).toBe(200);
    expect(loading).toContain('ready to serve');
    // The engine's very first line too, though it may arrive before the engine is known to run.
    expect(loading[0]).toBe(`fake engine ${handle.pid} loading`);
    expect(handle.recentLogs().map((entry) => entry.line)).toContain(`fake engine ${handle.pid} loading`);
  });

  it("runs the command with the plan's env over the parent's, and no shell", async () => {
    const port = await supervisor.freePort('127.0.0.1');
    process.env.SWITCHYARD_TEST_PARENT = 'from parent';
    const verbatim = '$HOME "quoted" $(echo hi); exit 1';
    const { plan } = fakeEngine(
      port,
      ['--print-env', 'SWITCHYARD_TEST_PARENT,SWITCHYARD_TEST_PLAN', '--say', verbatim],
      {
        env: { SWITCHYARD_TEST_PLAN: 'from plan; $HOME' },
      },
    );
    const handle = await start(plan);
    delete process.env.SWITCHYARD_TEST_PARENT;

    const lines = handle.recentLogs().map((entry) => entry.line);
    expect(lines).toContain('env SWITCHYARD_TEST_PARENT=from parent');
    expect(lines).toContain('env SWITCHYARD_TEST_PLAN=from plan; $HOME');
    expect(lines).toContain(verbatim);
  });

  it("runs the engine in a private directory holding the plan's links, and removes it when the engine stops", async () => {
    const port = await supervisor.freePort('127.0.0.1');
    const { plan } = fakeEngine(port, ['--read-link', 'acme/tiny'], { workdirLinks: { 'acme/tiny': '/models/tiny' } });
    const handle = await start(plan);
    const workdir = readlinkSync(`/proc/${handle.pid}/cwd`);

    expect(handle.recentLogs().map((entry) => entry.line)).toContain('link acme/tiny -> /models/tiny');
    expect(workdir).not.toBe(process.cwd());
    await handle.stop();
    expect(existsSync(workdir)).toBe(false);
  });

  it("probes with the plan's method and body", async () => {
    const port = await supervisor.freePort('127.0.0.1');
    const { plan } = fakeEngine(port, [], {
      readiness: { method: 'POST', path: '/health', body: { prompt: 'hi', max_tokens: 1 }, expectStatus: 200 },
    });
    const handle = await start(plan);
    // The engine logs the probe as it answers it: the line may reach us just after the answer.
    await expect
      .poll(() => handle.recentLogs().map((entry) => entry.line))
      .toContain('POST /health 200 {"prompt":"hi","max_tokens":1}');
  });

  it('streams the lines printed after iteration begins and ends the stream when the engine stops', async () => {
    const port = await supervisor.freePort('127.0.0.1');
    const handle = await start(fakeEngine(port).plan);
    const lines = collect(handle.logs);
    await fetch(`${handle.url}/say?text=hello%20from%20the%20engine`);
    await handle.stop();

    expect(await lines).toEqual(['hello from the engine', 'GET /say 200', 'got SIGTERM, shutting down']);
    expect(await collect(handle.logs)).toEqual([]);
  });
});

describe('stop()', () => {
  it('stops the whole process group, is idempotent, and resolves when nothing of it is left', async () => {
    const port = await supervisor.freePort('127.0.0.1');
    const { plan, tag } = fakeEngine(port, ['--fork-worker']);
    const handle = await start(plan);
    expect(survivors(tag, handle.pid).length).toBe(2);

    const [first, second] = await Promise.all([handle.stop(), handle.stop()]);
    expect(first).toEqual({ code: 0, signal: null });
    expect(second).toEqual(first);
    expect(await handle.exited).toEqual(first);
    expect(survivors(tag, handle.pid)).toEqual([]);
    expect(await handle.stop()).toEqual(first);
  });

  it('kills with SIGKILL after the grace period an engine and worker that ignore SIGTERM', async () => {
    const port = await supervisor.freePort('127.0.0.1');
    const { plan, tag } = fakeEngine(port, ['--fork-worker', '--ignore', 'SIGTERM']);
    const handle = await start(plan, { stopTimeoutMs: 300 });

    expect(await handle.stop()).toEqual({ code: null, signal: 'SIGKILL' });
    expect(survivors(tag, handle.pid)).toEqual([]);
    expect(handle.recentLogs().map((entry) => entry.line)).toContain('ignoring SIGTERM');
  });

  it('kills at once when asked to force, without waiting out the grace period', async () => {
    const port = await supervisor.freePort('127.0.0.1');
    const { plan, tag } = fakeEngine(port, ['--fork-worker', '--ignore', 'SIGTERM']);
    // A grace period longer than the test may take: only force ends it in time.
    const handle = await start(plan, { stopTimeoutMs: 60_000 });
    void handle.stop();
    expect(await handle.stop({ force: true })).toEqual({ code: null, signal: 'SIGKILL' });
    expect(survivors(tag, handle.pid)).toEqual([]);
  });

  it("sends the plan's stop signal, e.g. SIGINT for an engine that only stops on it", async () => {
    const port = await supervisor.freePort('127.0.0.1');
    const { plan, tag } = fakeEngine(port, ['--ignore', 'SIGTERM'], { stopSignal: 'SIGINT' });
    const handle = await start(plan, { stopTimeoutMs: 5_000 });

    expect(await handle.stop()).toEqual({ code: 0, signal: null });
    expect(handle.recentLogs().at(-1)?.line).toBe('got SIGINT, shutting down');
    expect(survivors(tag, handle.pid)).toEqual([]);
  });

  it.skipIf(process.platform !== 'linux')(
    'also stops a process that left the group (setsid), by its tag in /proc',
    async () => {
      const port = await supervisor.freePort('127.0.0.1');
      const { plan, tag } = fakeEngine(port, ['--escape-worker', '--fork-worker']);
      const handle = await start(plan, { stopTimeoutMs: 1_000 });
      const escaped = survivors(tag).filter((row) => row.pgid !== handle.pid);
      expect(escaped).toHaveLength(1);

      expect(await handle.stop()).toEqual({ code: 0, signal: null });
      expect(survivors(tag)).toEqual([]);
    },
  );

  it('also stops what an engine forked when the engine exits by itself', async () => {
    const port = await supervisor.freePort('127.0.0.1');
    const { plan, tag } = fakeEngine(port, ['--fork-worker', '--exit-after-ready', '100', '--exit-code', '7']);
    const handle = await start(plan);

    expect(await handle.exited).toEqual({ code: 7, signal: null });
    expect(survivors(tag, handle.pid)).toEqual([]);
  });

  it('stops the engine when the signal passed to start() aborts, loading or serving', async () => {
    const serving = new AbortController();
    const port = await supervisor.freePort('127.0.0.1');
    const { plan, tag } = fakeEngine(port);
    const handle = await start(plan, { signal: serving.signal });
    serving.abort();
    expect(await handle.exited).toEqual({ code: 0, signal: null });
    expect(survivors(tag, handle.pid)).toEqual([]);

    const loading = new AbortController();
    const slow = fakeEngine(await supervisor.freePort('127.0.0.1'), ['--never-ready']);
    const starting = supervisor.start(slow.plan, {
      signal: loading.signal,
      onLog: (line) => line.startsWith('listening') && loading.abort(new Error('changed my mind')),
    });
    await expect(starting).rejects.toThrow('changed my mind');
    expect(survivors(slow.tag)).toEqual([]);
  });
});

describe('failed launches leave nothing running', () => {
  it('rejects at once with ENGINE_EXITED_BEFORE_READY, the exit code and the last log lines', async () => {
    const port = await supervisor.freePort('127.0.0.1');
    const { plan, tag } = fakeEngine(port, ['--crash-after', '200', '--exit-code', '3']);
    const error = await supervisor.start(plan, { readyTimeoutMs: 60_000 }).catch((caught: unknown) => caught);

    expect(error).toMatchObject({ code: 'ENGINE_EXITED_BEFORE_READY', exit: { code: 3, signal: null } });
    expect((error as Error).message).toMatch(/fake exited with code 3 before it was ready/);
    expect((error as Error).message).toContain('| fatal: out of memory while loading weights');
    expect(survivors(tag)).toEqual([]);
  });

  it('rejects at once when the engine dies while loading, though a process it left behind holds its output', async () => {
    const port = await supervisor.freePort('127.0.0.1');
    const { plan, tag } = fakeEngine(port, ['--escape-worker', '--crash-after', '200']);
    // Before, this never settled: the reaper's end waited for the output pipes the escapee held.
    const error = await supervisor.start(plan, { readyTimeoutMs: 60_000 }).catch((caught: unknown) => caught);

    expect(error).toMatchObject({ code: 'ENGINE_EXITED_BEFORE_READY', exit: { code: 3, signal: null } });
    if (process.platform === 'linux') expect(survivors(tag)).toEqual([]);
  });

  it('stops an engine that is not ready in time and rejects with ENGINE_READY_TIMEOUT saying how long it waited', async () => {
    const port = await supervisor.freePort('127.0.0.1');
    // It ignores SIGTERM, so stopping it takes the 1.5 s grace: the message counts only the wait.
    const { plan, tag } = fakeEngine(port, ['--never-ready', '--fork-worker', '--ignore', 'SIGTERM']);
    const error = await supervisor
      .start(plan, { readyTimeoutMs: 500, stopTimeoutMs: 1_500 })
      .catch((caught: unknown) => caught);

    expect(error).toMatchObject({ code: 'ENGINE_READY_TIMEOUT' });
    expect((error as Error).message).toMatch(/fake was not ready after 0\.\d s \(GET \/health never answered 200\)/);
    expect((error as Error).message).toContain('so it was stopped');
    expect(survivors(tag)).toEqual([]);
  });

  it('names a command that does not exist, with the install hint, as ENGINE_COMMAND_NOT_FOUND', async () => {
    const { plan } = fakeEngine(await supervisor.freePort('127.0.0.1'), [], {
      command: 'switchyard-no-such-engine',
      installHint: 'pip install no-such-engine',
    });
    const error = await supervisor.start(plan).catch((caught: unknown) => caught);

    expect(error).toMatchObject({ code: 'ENGINE_COMMAND_NOT_FOUND', command: 'switchyard-no-such-engine' });
    expect((error as Error).message).toContain('"switchyard-no-such-engine" was not found');
    expect((error as { hint: string }).hint).toContain('pip install no-such-engine');
  });

  it('refuses a port that is already taken with PORT_IN_USE, before starting anything', async () => {
    const server: Server = createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const port = (server.address() as { port: number }).port;
    const { plan, tag } = fakeEngine(port);
    const error = await supervisor.start(plan).catch((caught: unknown) => caught);
    server.close();

    expect(error).toMatchObject({ code: 'PORT_IN_USE', port });
    expect((error as Error).message).toContain(`Port ${port} on 127.0.0.1 is already in use`);
    expect(survivors(tag)).toEqual([]);
  });

  it('says the same of a taken port asked about before a plan exists, and nothing of a free one', async () => {
    const server: Server = createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const port = (server.address() as { port: number }).port;
    const error = await supervisor.assertUsablePort('127.0.0.1', port, 'llamacpp').catch((caught: unknown) => caught);
    server.close();
    await new Promise((resolve) => server.once('close', resolve));

    expect(error).toMatchObject({ code: 'PORT_IN_USE', port });
    expect((error as Error).message).toBe(
      `Port ${port} on 127.0.0.1 is already in use, so llamacpp cannot listen on it.`,
    );
    await expect(supervisor.assertUsablePort('127.0.0.1', port, 'llamacpp')).resolves.toBeUndefined();
  });
});
