import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { importTs } from '../../test/support/run-ts.mjs';
import { median, ROOT } from '../lib/stats.mjs';
import { streamCompletion } from '../lib/stream-completion.mjs';

const WARM_REQUESTS = Number(process.env.BENCH_SERVE_REQUESTS ?? 40);
const STREAMS = 3;
const STREAM_TOKENS = 96;
const SHAPE = { embedding: 512, feedForward: 1408, layers: 8, heads: 8 };
const ENGINE = { runtime: 'node-llama-cpp', extraArgs: ['--threads', '1'] };

const percentile = (values, p) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
};

/** A streamed completion of `maxTokens` from `model`; see streamCompletion. */
const stream = (baseUrl, model, maxTokens) =>
  streamCompletion(baseUrl, { model, prompt: 'hello world', max_tokens: maxTokens, temperature: 0 });

/** Milliseconds for a one-token completion, whole. */
async function oneToken(baseUrl, model) {
  const asked = performance.now();
  const response = await fetch(`${baseUrl}/completions`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ model, prompt: 'hello', max_tokens: 1, temperature: 0 }),
  });
  await response.json();
  return performance.now() - asked;
}

/**
 * `switchyard serve` (the @switchyard/server library, in this process) in front of the embedded
 * llama.cpp engine, against an engine of the same model started by `launch` and called directly:
 * what the server adds to a warm request, streamed tokens per second through it, and a cold
 * request's first token against launch's time to ready plus a warm first token.
 */
export async function measureServeOverhead() {
  const dir = await mkdtemp(join(tmpdir(), 'switchyard-bench-serve-'));
  const { createSwitchyard } = await import('@switchyard/core');
  const { default: llamacpp } = await import('@switchyard/backend-llamacpp');
  const { createModelServer, ServedModelSchema, switchyardLauncher } = await import('@switchyard/server');
  const switchyard = createSwitchyard({ plugins: [llamacpp] });
  let engine;
  let server;
  try {
    const { writeTinyLlama } = await importTs(join(ROOT, 'test/support/tiny-llama.ts'));
    const modelPath = await writeTinyLlama(join(dir, 'bench.gguf'), { shape: SHAPE });
    await switchyard.host();
    const launchedAt = performance.now();
    engine = await switchyard.launch(modelPath, { ...ENGINE, servedName: 'bench' });
    const launchReady = performance.now() - launchedAt;
    await stream(engine.baseUrl, 'bench', 4);
    const firsts = [];
    for (let i = 0; i < 5; i++) firsts.push((await stream(engine.baseUrl, 'bench', 4)).first);
    const directWarmFirst = median(firsts);

    const model = ServedModelSchema.parse({ name: 'bench', model: modelPath, ...ENGINE });
    server = createModelServer({ models: [model], launcher: switchyardLauncher(switchyard) });
    const { baseUrl } = await server.listen({ port: 0 });
    const cold = await stream(baseUrl, 'bench', 4);

    const through = [];
    const direct = [];
    for (let i = 0; i < WARM_REQUESTS; i++) {
      through.push(await oneToken(baseUrl, 'bench'));
      direct.push(await oneToken(engine.baseUrl, 'bench'));
    }
    const rates = { through: [], direct: [] };
    for (let i = 0; i < STREAMS; i++) {
      for (const [side, url] of [
        ['through', baseUrl],
        ['direct', engine.baseUrl],
      ]) {
        const { chunks, total } = await stream(url, 'bench', STREAM_TOKENS);
        rates[side].push(chunks / (total / 1000));
      }
    }
    const added = through.map((ms, i) => ms - direct[i]);
    const note = `random llama ${SHAPE.layers}×${SHAPE.embedding}, 1 thread; ${WARM_REQUESTS} one-token requests alternating through serve and direct`;
    return [
      { figure: 'serve: added latency per warm request, p50', value: percentile(added, 50), unit: 'ms', note },
      { figure: 'serve: added latency per warm request, p99', value: percentile(added, 99), unit: 'ms' },
      {
        figure: 'serve: streamed tokens per second through serve',
        value: median(rates.through),
        unit: 'tok/s',
        reference: { label: 'the engine directly', value: median(rates.direct) },
        target: { ratioAtLeast: 0.97 },
        note: `${STREAMS} streams of ${STREAM_TOKENS} tokens each way, in turn`,
      },
      {
        figure: 'serve: cold request, time to first token',
        value: cold.first,
        unit: 'ms',
        reference: { label: 'launch ready + warm first token', value: launchReady + directWarmFirst },
        target: { ratioAtMost: 1.2 },
      },
    ];
  } finally {
    await server?.close({ graceMs: 0 });
    await engine?.stop();
    await rm(dir, { recursive: true, force: true });
  }
}
