import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { median, RUNS, SUPERVISOR } from '../lib/stats.mjs';

const FAKE_ENGINE = fileURLToPath(new URL('../../test/fixtures/fake-engines/fake-engine.mjs', import.meta.url));

/**
 * From the moment a fake engine becomes ready (it stamps the time into a file) to the moment
 * `start()` resolves. Engines that print a line when ready (vLLM, SGLang, llama-server do) and a
 * silent one, which only the probe's backoff catches.
 */
export async function measureReadinessLag() {
  const { EngineSupervisor } = await import(SUPERVISOR);
  const defaultSupervisor = new EngineSupervisor();
  const dir = await mkdtemp(join(tmpdir(), 'switchyard-lag-'));
  const lag = async (silent) => {
    const samples = [];
    for (let i = 0; i < RUNS; i++) {
      const stamp = join(dir, `ready-${silent}-${i}`);
      const port = await defaultSupervisor.freePort('127.0.0.1');
      const args = [FAKE_ENGINE, '--port', String(port), '--ready-after', '300', '--ready-stamp', stamp];
      const engine = await defaultSupervisor.start({
        backend: 'fake',
        runtime: 'fake',
        command: process.execPath,
        args: silent ? [...args, '--silent-ready'] : args,
        env: {},
        secretEnv: [],
        host: '127.0.0.1',
        port,
        servedModelName: 'fake',
        readiness: { method: 'GET', path: '/health', expectStatus: 200 },
        stopSignal: 'SIGTERM',
        installHint: '',
      });
      const resolved = performance.timeOrigin + performance.now();
      samples.push(resolved - Number(await readFile(stamp, 'utf8')));
      await engine.stop();
    }
    return median(samples);
  };
  try {
    return [
      {
        figure: 'readiness lag: engine ready → `launch()` resolves',
        value: await lag(false),
        unit: 'ms',
        target: { atMost: 25 },
        note: 'engine prints a line when ready',
      },
      {
        figure: 'readiness lag, engine silent when ready',
        value: await lag(true),
        unit: 'ms',
        note: 'caught by the probe backoff alone',
      },
    ];
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
