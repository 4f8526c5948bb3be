import { once } from 'node:events';
import { setTimeout as sleep } from 'node:timers/promises';
import type { EngineHandle, SuperviseOptions, Supervisor } from '@switchyard/core';
import {
  assertSupervisedPlatform,
  EngineExitedBeforeReadyError,
  EngineReadyTimeoutError,
  engineUrl,
  InvalidInputError,
  type LaunchPlan,
  localBindProblem,
  PortInUseError,
} from '@switchyard/core';
import { EngineProcess } from './engine-process.js';
import { guardAgainstOrphans } from './orphan-guard.js';
import { checkPort, isPortFree, PortAllocator } from './port-allocator.js';
import { ReadinessProbe } from './readiness-probe.js';

export const DEFAULT_READY_TIMEOUT_MS = 10 * 60_000;
export const DEFAULT_STOP_TIMEOUT_MS = 10_000;
/** Node fires longer timers at once. */
const MAX_TIMER_MS = 2 ** 31 - 1;

type LoadingOutcome = 'ready' | 'exited' | 'timeout' | 'aborted';

/** Starts engines, waits until they are ready, and makes sure none outlives its handle or us. */
export class EngineSupervisor implements Supervisor {
  private readonly ports = new PortAllocator();

  async freePort(bind: string): Promise<number> {
    await assertLocalBind(bind);
    return this.ports.freePort(bind);
  }

  async assertUsablePort(bind: string, port: number, backend: string): Promise<void> {
    await assertLocalBind(bind);
    const check = await checkPort(bind, port);
    if (check === 'in-use') throw new PortInUseError({ backend, host: bind, port });
    if (check === 'denied') {
      throw new InvalidInputError(
        'launch options',
        [
          {
            field: 'port',
            message: `port ${port} is below 1024, which only a privileged user may listen on; pick a port above 1023, or leave it out for a free one`,
          },
        ],
        'Pick a `port` above 1023, or leave it out for a free one.',
      );
    }
  }

  async start(plan: LaunchPlan, options: SuperviseOptions = {}): Promise<EngineHandle> {
    const { signal } = options;
    const readyTimeoutMs = options.readyTimeoutMs ?? DEFAULT_READY_TIMEOUT_MS;
    signal?.throwIfAborted();
    assertSupervisedPlatform();
    await this.assertUsablePort(plan.host, plan.port, plan.backend);
    options.onStart?.(plan);

    const engine = await EngineProcess.start(plan, options.stopTimeoutMs ?? DEFAULT_STOP_TIMEOUT_MS).catch(
      (error: unknown) => {
        this.ports.release(plan.port);
        throw error;
      },
    );
    const unguard = guardAgainstOrphans(engine);
    void engine.exited.then(() => {
      unguard();
      this.ports.release(plan.port);
    });

    const url = engineUrl(plan);
    const probe = new ReadinessProbe(url, plan.readiness);
    const onLog = options.onLog;
    // Lines the engine printed before it was known to have started come first.
    for (const entry of engine.logs.recent()) onLog?.(entry.line);
    const unlisten = engine.logs.listen((entry) => {
      probe.noticeOutput(entry.line);
      onLog?.(entry.line);
    });
    const startedAt = performance.now();
    const loading = new AbortController();
    const outcomes: Promise<LoadingOutcome>[] = [
      probe.waitUntilReady(loading.signal).then(() => 'ready'),
      engine.mainExit.then(() => 'exited'),
      sleep(Math.min(readyTimeoutMs, MAX_TIMER_MS), 'timeout', { signal: loading.signal }),
    ];
    if (signal) outcomes.push(whenAborted(signal, loading.signal));
    const outcome = await Promise.race(outcomes);
    loading.abort();
    unlisten();

    if (outcome !== 'ready') {
      // How long it was given, not how long stopping it then took.
      const waitedMs = performance.now() - startedAt;
      const exit = await engine.stop();
      if (outcome === 'aborted') throw signal?.reason;
      if (outcome === 'timeout') throw new EngineReadyTimeoutError(plan, waitedMs, engine.logs.recent());
      // Another program may have taken the port between our check and the engine's bind.
      if (!(await isPortFree(plan.host, plan.port))) throw new PortInUseError(plan);
      throw new EngineExitedBeforeReadyError(plan, exit, engine.logs.recent());
    }

    if (signal) {
      const stop = () => void engine.stop();
      signal.addEventListener('abort', stop, { once: true });
      void engine.exited.then(() => signal.removeEventListener('abort', stop));
    }
    return {
      backend: plan.backend,
      plan,
      pid: engine.pid,
      port: plan.port,
      url,
      baseUrl: `${url}/v1`,
      logs: engine.logs,
      recentLogs: () => engine.logs.recent(),
      exited: engine.exited,
      stop: (stopOptions) => engine.stop(stopOptions),
    };
  }
}

/** An address no interface here has would fail deep in the engine, or in the port search: say so first. */
async function assertLocalBind(bind: string): Promise<void> {
  const problem = await localBindProblem(bind);
  if (problem !== undefined)
    throw new InvalidInputError(
      'launch options',
      [{ field: 'bind', message: problem }],
      'Bind to an address this machine has (`bind`), e.g. 127.0.0.1.',
    );
}

function whenAborted(signal: AbortSignal, until: AbortSignal): Promise<'aborted'> {
  if (signal.aborted) return Promise.resolve('aborted');
  return once(signal, 'abort', { signal: until }).then(() => 'aborted');
}
