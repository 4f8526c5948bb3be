#!/usr/bin/env node
/**
 * Time to ready and time to first token on the tiny test model: Switchyard (launch through the API,
 * the embedded runtime as a child process, then HTTP streaming) against node-llama-cpp used directly
 * in this process. Prints medians; never fails (a broken side prints its error instead).
 *
 *   npm run build && node bench/llamacpp-ttft.mjs [runs=5] [model.gguf]
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { importTs } from '../test/support/run-ts.mjs';

const runs = Number(process.argv[2] ?? 5);
const root = fileURLToPath(new URL('..', import.meta.url));
const prompt = 'hello world';
const maxTokens = 8;

async function tinyModel(dir) {
  if (process.argv[3]) return process.argv[3];
  // The writer is TypeScript under test/: load it as the tests do.
  const { writeTinyLlama } = await importTs(join(root, 'test/support/tiny-llama.ts'));
  return writeTinyLlama(join(dir, 'tiny.gguf'));
}

async function throughSwitchyard(modelPath) {
  const { createSwitchyard, readGgufModel } = await import('@switchyard/core');
  const { default: llamacpp } = await import('@switchyard/backend-llamacpp');
  const { spec } = await readGgufModel(modelPath);
  const switchyard = createSwitchyard({ plugins: [llamacpp] });
  await switchyard.host(); // detection is cached: time the launch, not the first probe
  const started = performance.now();
  const engine = await switchyard.launch(spec, { runtime: 'node-llama-cpp' });
  const ready = performance.now() - started;
  try {
    const asked = performance.now();
    const response = await fetch(`${engine.baseUrl}/completions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ prompt, max_tokens: maxTokens, temperature: 0, stream: true }),
    });
    const reader = response.body.getReader();
    const decoder = new TextDecoder();
    let text = '';
    let firstToken;
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      text += decoder.decode(value, { stream: true });
      if (firstToken === undefined && /"text":"[^"]/.test(text)) firstToken = performance.now() - asked;
    }
    return { ready, firstToken };
  } finally {
    await engine.stop();
  }
}

async function inProcess(modelPath) {
  const { getLlama, LlamaCompletion } = await import('node-llama-cpp');
  const started = performance.now();
  const llama = await getLlama({ gpu: false, build: 'never' });
  llama.maxThreads = llama.cpuMathCores; // as the embedded server does
  try {
    const model = await llama.loadModel({ modelPath });
    const context = await model.createContext();
    const completion = new LlamaCompletion({ contextSequence: context.getSequence() });
    const ready = performance.now() - started;
    const asked = performance.now();
    let firstToken;
    await completion.generateCompletion(prompt, {
      maxTokens,
      temperature: 0,
      onTextChunk: () => {
        firstToken ??= performance.now() - asked;
      },
    });
    return { ready, firstToken };
  } finally {
    await llama.dispose();
  }
}

async function measure(label, run) {
  const samples = [];
  try {
    for (let i = 0; i < runs; i++) samples.push(await run());
    return { label, ready: median(samples.map((s) => s.ready)), firstToken: median(samples.map((s) => s.firstToken)) };
  } catch (error) {
    return { label, error: error instanceof Error ? error.message.split('\n')[0] : String(error) };
  }
}

function median(values) {
  const sorted = values.filter((v) => v !== undefined).sort((a, b) => a - b);
  if (sorted.length === 0) return undefined;
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

const ms = (value) => (value === undefined ? 'n/a' : `${value.toFixed(1)} ms`);

const dir = await mkdtemp(join(tmpdir(), 'switchyard-bench-'));
try {
  const modelPath = await tinyModel(dir);
  const rows = [
    await measure('Switchyard launch + HTTP (embedded runtime)', () => throughSwitchyard(modelPath)),
    await measure('node-llama-cpp in-process', () => inProcess(modelPath)),
  ];
  const width = Math.max(...rows.map((row) => row.label.length));
  console.log(`llama.cpp on ${modelPath}: medians of ${runs} runs, ${maxTokens} tokens, temperature 0`);
  console.log(`${'how'.padEnd(width)}  ${'time to ready'.padStart(14)}  ${'first token'.padStart(12)}`);
  for (const row of rows) {
    if (row.error) console.log(`${row.label.padEnd(width)}  failed: ${row.error}`);
    else console.log(`${row.label.padEnd(width)}  ${ms(row.ready).padStart(14)}  ${ms(row.firstToken).padStart(12)}`);
  }
  console.log(
    'In-process runs after the first reuse the loaded native binding; each Switchyard run starts a fresh Node.',
  );
} catch (error) {
  console.log(`bench could not run: ${error instanceof Error ? error.message : String(error)}`);
} finally {
  await rm(dir, { recursive: true, force: true });
}
