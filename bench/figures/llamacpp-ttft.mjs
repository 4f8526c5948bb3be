import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { importTs } from '../../test/support/run-ts.mjs';
import { median, ROOT } from '../lib/stats.mjs';
import { streamCompletion } from '../lib/stream-completion.mjs';

const RUNS = Number(process.env.BENCH_TTFT_RUNS ?? 5);
const WARM_REQUESTS = 5;
// A prompt of a few dozen tokens and a model of ~30M parameters: enough work that the figure
// measures serving a model, not the sub-millisecond arithmetic of the tests' two-layer toy.
const PROMPT = 'hello world, the switch yard is a yard of switches and the hello is the world '.repeat(2);
const SHAPE = { embedding: 512, feedForward: 1408, layers: 8, heads: 8 };
const MAX_TOKENS = 8;
// One thread on both sides: the tiny model needs no more, and llama.cpp's spinning thread pool
// turns a busy 2-core machine into noise that would swamp the figure.
const THREADS = '1';
const IN_PROCESS = fileURLToPath(new URL('../lib/llamacpp-in-process.mjs', import.meta.url));

/** Milliseconds from sending a streamed completion to its first non-empty text chunk. */
const streamedFirstToken = async (baseUrl) =>
  (await streamCompletion(baseUrl, { prompt: PROMPT, max_tokens: MAX_TOKENS, temperature: 0 })).first;

/** Launch through the Switchyard API (embedded runtime, a child process), then HTTP. */
async function throughSwitchyard(modelPath) {
  const { createSwitchyard, readGgufModel } = await import('@switchyard/core');
  const { default: llamacpp } = await import('@switchyard/backend-llamacpp');
  const { spec } = await readGgufModel(modelPath);
  const switchyard = createSwitchyard({ plugins: [llamacpp] });
  await switchyard.host(); // detection is cached: time the launch, not the first probe
  const started = performance.now();
  const engine = await switchyard.launch(spec, { runtime: 'node-llama-cpp', extraArgs: ['--threads', THREADS] });
  const ready = performance.now() - started;
  try {
    const cold = await streamedFirstToken(engine.baseUrl);
    const warm = [];
    for (let i = 0; i < WARM_REQUESTS; i++) warm.push(await streamedFirstToken(engine.baseUrl));
    return { ready, cold, warm };
  } finally {
    await engine.stop();
  }
}

async function inProcess(modelPath) {
  const { stdout } = await promisify(execFile)(
    process.execPath,
    [IN_PROCESS, modelPath, THREADS, String(WARM_REQUESTS), PROMPT, String(MAX_TOKENS)],
    { cwd: ROOT },
  );
  return JSON.parse(stdout);
}

const summary = (runs) => ({
  ready: median(runs.map((r) => r.ready)),
  cold: median(runs.map((r) => r.cold)),
  warm: median(runs.flatMap((r) => r.warm)),
});

/** Runs the two sides in turn, so that a change in the machine's load falls on both alike. */
async function sampleBoth(modelPath) {
  const switchyard = [];
  const direct = [];
  for (let i = 0; i < RUNS; i++) {
    switchyard.push(await throughSwitchyard(modelPath));
    direct.push(await inProcess(modelPath));
  }
  return { switchyard: summary(switchyard), direct: summary(direct) };
}

/**
 * Time to ready and time to first token on the tiny test model: Switchyard (launch + HTTP streaming)
 * against node-llama-cpp used directly, each in a fresh process per run.
 */
export async function measureLlamaCppTtft() {
  const dir = await mkdtemp(join(tmpdir(), 'switchyard-bench-'));
  try {
    const { writeTinyLlama } = await importTs(join(ROOT, 'test/support/tiny-llama.ts'));
    const modelPath = await writeTinyLlama(join(dir, 'bench.gguf'), { shape: SHAPE });
    const { switchyard, direct } = await sampleBoth(modelPath);
    const reference = (value) => ({ label: 'node-llama-cpp in-process', value });
    const note = `random llama ${SHAPE.layers}×${SHAPE.embedding}, ${MAX_TOKENS} tokens, ${THREADS} thread, ${RUNS} fresh processes each`;
    return [
      {
        figure: 'llama.cpp time to first token via `launch` + HTTP, warm',
        value: switchyard.warm,
        unit: 'ms',
        reference: reference(direct.warm),
        target: { ratioAtMost: 1.2 },
        note: `${note}, ${WARM_REQUESTS} requests after the first`,
      },
      {
        figure: 'llama.cpp time to first token, first request',
        value: switchyard.cold,
        unit: 'ms',
        reference: reference(direct.cold),
        target: { ratioAtMost: 1.2 },
      },
      {
        figure: 'llama.cpp per-request overhead of HTTP, warm',
        value: switchyard.warm - direct.warm,
        unit: 'ms',
        note: 'what the OpenAI-compatible server and the socket add to each request',
      },
      {
        figure: 'llama.cpp time to ready via `launch`',
        value: switchyard.ready,
        unit: 'ms',
        reference: reference(direct.ready),
        note: 'Switchyard starts a Node process that loads the native binding; in-process counts from getLlama()',
      },
    ];
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
