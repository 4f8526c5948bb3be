import { execFile, spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { importTs } from '../../test/support/run-ts.mjs';
import { median, ROOT } from '../lib/stats.mjs';

const RUNS = Number(process.env.BENCH_TRANSFORMERS_RUNS ?? 3);
/** How often the by-hand side asks /health: tighter than a person would, so it is a strict reference. */
const POLL_MS = 25;

async function freePort() {
  const server = createServer().listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address();
  server.close();
  return port;
}

/** Through the library: `launch` resolves when Switchyard's readiness check has passed. */
async function throughLaunch(spec, python) {
  const { createSwitchyard } = await import('@switchyard/core');
  const { default: transformers } = await import('@switchyard/backend-transformers');
  const switchyard = createSwitchyard({ plugins: [transformers] });
  await switchyard.host({ python }); // detection is cached: time the launch, not the first probe
  const started = performance.now();
  const engine = await switchyard.launch(spec, { python });
  const ready = performance.now() - started;
  await engine.stop();
  return ready;
}

/** By hand: the same `transformers serve` command, and /health asked until it answers 200. */
async function byHand(folder, python) {
  const port = await freePort();
  const started = performance.now();
  const server = spawn(
    join(python, '..', 'transformers'),
    ['serve', folder, '--host', '127.0.0.1', '--port', String(port)],
    {
      stdio: 'ignore',
    },
  );
  const exited = once(server, 'exit');
  try {
    for (;;) {
      const status = await fetch(`http://127.0.0.1:${port}/health`).then(
        (response) => response.status,
        () => 0,
      );
      if (status === 200) return performance.now() - started;
      if (server.exitCode !== null) throw new Error(`transformers serve exited ${server.exitCode} before it was ready`);
      await new Promise((resolve) => setTimeout(resolve, POLL_MS));
    }
  } finally {
    server.kill('SIGTERM');
    await exited;
  }
}

/**
 * transformers' time to ready on the tests' tiny Llama folder, through the library's `launch`
 * (detection cached) against starting the same `transformers serve` by hand, in turn.
 */
export async function measureTransformersReady() {
  const { ensurePythonEnv, PYTHON_DIR } = await importTs(join(ROOT, 'test/support/python-env.ts'));
  const python = await ensurePythonEnv((line) => console.error(line));
  const dir = await mkdtemp(join(tmpdir(), 'switchyard-bench-'));
  try {
    const folder = join(dir, 'tiny-hf-model');
    await promisify(execFile)(python, [join(PYTHON_DIR, 'write_tiny_hf_model.py'), folder]);
    const spec = { modelName: 'tiny-hf-model', format: 'pytorch', modelPath: folder };
    const launched = [];
    const direct = [];
    for (let i = 0; i < RUNS; i++) {
      launched.push(await throughLaunch(spec, python));
      direct.push(await byHand(folder, python));
    }
    return [
      {
        figure: 'transformers time to ready via `launch`',
        value: median(launched),
        unit: 'ms',
        reference: { label: 'the same `transformers serve` by hand', value: median(direct) },
        target: { ratioAtMost: 1.2 },
        note: `2-layer random Llama folder on CPU, ${RUNS} fresh processes each; by hand polls /health every ${POLL_MS} ms`,
      },
    ];
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
