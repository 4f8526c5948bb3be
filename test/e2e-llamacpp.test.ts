import { existsSync } from 'node:fs';
import { mkdtemp, rm, truncate, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import llamacpp, { embeddedServerScript } from '@switchyard/backend-llamacpp';
import mlx from '@switchyard/backend-mlx';
import sglang from '@switchyard/backend-sglang';
import transformers from '@switchyard/backend-transformers';
import vllm from '@switchyard/backend-vllm';
import { createSwitchyard, type EngineHandle, type ModelSpec, readGgufModel } from '@switchyard/core';
import { detectHost } from '@switchyard/host-detection';
import OpenAI from 'openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { encodeGguf } from './support/gguf-writer.js';
import { openAiError, postJson, postStream, processesMentioning } from './support/openai-http.js';
import { runCli } from './support/run-cli.js';
import { tinyLlamaDocument, writeTinyLlama } from './support/tiny-llama.js';

/**
 * The way a user goes, on CPU with the embedded runtime: a GGUF file → detect the host → select →
 * launch through the Switchyard API → chat and stream over HTTP → stop → no process left.
 * Needs `npm run build` (the engine is the compiled embedded server).
 */
const plugins = [vllm, sglang, mlx, llamacpp, transformers];
let dir: string;
let spec: ModelSpec;
// Pinned so that a machine that also has llama-server still exercises the embedded runtime.
const request = { runtime: 'node-llama-cpp', extraArgs: ['--threads', '1'], supervise: { readyTimeoutMs: 60_000 } };

beforeAll(async () => {
  if (!existsSync(embeddedServerScript())) throw new Error(`${embeddedServerScript()} is missing: run npm run build`);
  dir = await mkdtemp(join(tmpdir(), 'switchyard-e2e-llamacpp-'));
  ({ spec } = await readGgufModel(await writeTinyLlama(join(dir, 'tiny.gguf'))));
});

afterAll(() => rm(dir, { recursive: true, force: true }));

describe('llama.cpp end to end on the embedded runtime', () => {
  const switchyard = createSwitchyard({ plugins });
  let engine: EngineHandle;

  it('detects node-llama-cpp on this host and selects llama.cpp for the GGUF file', async () => {
    expect((await detectHost()).engines).toHaveProperty('node-llama-cpp');
    const selection = await switchyard.select(spec);
    expect(selection.chosen).toBe('llamacpp');
    const { plan } = await switchyard.plan(spec, request);
    expect(plan).toMatchObject({ runtime: 'node-llama-cpp', command: process.execPath });
  });

  it('launches and becomes ready', async () => {
    engine = await switchyard.launch(spec, request);
    expect(engine).toMatchObject({ backend: 'llamacpp', baseUrl: `${engine.url}/v1` });
    expect((await fetch(`${engine.url}/health`)).status).toBe(200);
  });

  it('answers a chat completion', async () => {
    const { status, body } = await postJson(`${engine.baseUrl}/chat/completions`, {
      model: spec.modelName,
      messages: [{ role: 'user', content: 'Say hello.' }],
      max_tokens: 8,
    });
    expect(status).toBe(200);
    expect(body.choices[0].message).toEqual({ role: 'assistant', content: expect.any(String) });
    expect(body.usage.completion_tokens).toBeGreaterThan(0);
  });

  it('streams a completion', async () => {
    const { status, events } = await postStream(`${engine.baseUrl}/completions`, {
      prompt: 'hello',
      max_tokens: 6,
      temperature: 0,
    });
    expect(status).toBe(200);
    expect(events.at(-1)).toBe('[DONE]');
    const chunks = events.slice(0, -1).map((event) => JSON.parse(event));
    expect(chunks.at(-1).choices[0].finish_reason).toBe('length');
    expect(chunks.map((chunk) => chunk.choices[0].text).join('').length).toBeGreaterThan(0);
  });

  it('answers bad requests with OpenAI-shaped 4xx errors', async () => {
    expect(await postJson(`${engine.baseUrl}/chat/completions`, '{not json')).toMatchObject({
      status: 400,
      body: openAiError({ code: 'invalid_json' }),
    });
    expect(await postJson(`${engine.baseUrl}/chat/completions`, { messages: 'hi' })).toMatchObject({
      status: 400,
      body: openAiError({ param: 'messages' }),
    });
    expect(await postJson(`${engine.baseUrl}/completions`, { prompt: 'x', model: 'other' })).toMatchObject({
      status: 404,
      body: openAiError({ param: 'model', code: 'model_not_found' }),
    });
  });

  it('logs one line per answered request, with the token counts of completions', async () => {
    const client = new OpenAI({ baseURL: engine.baseUrl, apiKey: 'unused', maxRetries: 0 });
    const chat = await client.chat.completions.create({
      model: spec.modelName,
      messages: [{ role: 'user', content: 'Hi.' }],
      max_tokens: 3,
    });
    const stream = await client.completions.create({
      model: spec.modelName,
      prompt: 'hi',
      max_tokens: 2,
      stream: true,
    });
    for await (const _ of stream);
    await client.models.list();
    // The log line is written once the answer has gone; give the pipe a moment.
    await new Promise((resolve) => setTimeout(resolve, 200));
    const lines = engine.recentLogs().map((entry) => entry.line);
    const { prompt_tokens, completion_tokens } = chat.usage ?? {};
    expect(lines).toContainEqual(
      expect.stringMatching(
        new RegExp(
          `^switchyard-llamacpp: POST /v1/chat/completions 200 \\d+ ms, ${prompt_tokens} prompt \\+ ${completion_tokens} generated tokens$`,
        ),
      ),
    );
    expect(lines).toContainEqual(
      expect.stringMatching(
        /^switchyard-llamacpp: POST \/v1\/completions 200 \d+ ms, \d+ prompt \+ 2 generated tokens$/,
      ),
    );
    expect(lines).toContainEqual(expect.stringMatching(/^switchyard-llamacpp: GET \/v1\/models 200 \d+ ms$/));
  });

  it('stops, leaving no process behind', async () => {
    const exit = await engine.stop();
    expect(exit).toEqual({ code: 0, signal: null });
    expect(() => process.kill(engine.pid, 0)).toThrow(/ESRCH/);
    expect(await processesMentioning(dir)).toEqual([]);
  });
});

describe('a corrupt GGUF fails with a clear error and leaves no process', () => {
  it('a truncated header is refused before anything starts, by the API and by the CLI', async () => {
    const path = join(dir, 'cut.gguf');
    await writeFile(path, encodeGguf(tinyLlamaDocument()).subarray(0, 700));
    await expect(readGgufModel(path)).rejects.toMatchObject({ code: 'GGUF_TRUNCATED' });
    const { code, stdout } = await runCli(['select', path, '--json']);
    expect(code).toBe(2);
    const { error } = JSON.parse(stdout);
    expect(error.code).toBe('INVALID_INPUT');
    expect(error.message).toContain('is truncated or corrupt');
    expect(error.hint).toContain('Download the file again');
    expect(await processesMentioning(dir)).toEqual([]);
  });

  it('missing tensor data (a sound header) is refused before anything starts', async () => {
    const path = await writeTinyLlama(join(dir, 'no-data.gguf'));
    const info = await readGgufModel(path);
    await truncate(path, info.header.headerBytes + 1024);
    const error = await createSwitchyard({ plugins })
      .launch(info.spec, request)
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'INVALID_INPUT', problems: [{ field: 'modelPath' }] });
    expect(await processesMentioning(dir)).toEqual([]);
  });

  it('a whole file the engine cannot load (a tensor missing) fails the launch with the engine’s own words', async () => {
    const document = tinyLlamaDocument();
    const tensors = document.tensors.filter((tensor) => tensor.name !== 'blk.0.attn_q.weight');
    const path = join(dir, 'no-attention.gguf');
    await writeFile(path, encodeGguf({ ...document, tensors }));
    const error = await createSwitchyard({ plugins })
      .launch((await readGgufModel(path)).spec, request)
      .catch((e: unknown) => e);
    expect(error).toMatchObject({
      code: 'ENGINE_EXITED_BEFORE_READY',
      message: expect.stringContaining('cannot load'),
    });
    expect(await processesMentioning(dir)).toEqual([]);
  });
});
