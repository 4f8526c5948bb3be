import { existsSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { embeddedServerScript } from '@switchyard/backend-llamacpp';
import OpenAI from 'openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { processesMentioning } from './support/openai-http.js';
import { CLI_BIN } from './support/run-cli.js';
import { eventually, metric, type ServeProcess, startServe } from './support/serve-process.js';
import { writeTinyLlama } from './support/tiny-llama.js';

/**
 * `switchyard serve` in front of two GGUF models on the embedded llama.cpp runtime, driven with the
 * official openai client: listing, cold starts on demand, concurrent streams, eviction, idle stop,
 * the key, and nothing left running after Ctrl-C. Needs `npm run build`.
 */
const API_KEY = 'serve-test-key';
let dir: string;
// Pinned so that a machine that also has llama-server still exercises the embedded runtime.
const runtime = ['--runtime', 'node-llama-cpp'];
const engineArgs = ['--', '--threads', '1'];

const chat = (model: string) => ({ model, messages: [{ role: 'user' as const, content: 'hello' }], max_tokens: 4 });

beforeAll(async () => {
  for (const file of [CLI_BIN, embeddedServerScript()]) {
    if (!existsSync(file)) throw new Error(`${file} is missing: run npm run build`);
  }
  dir = await mkdtemp(join(tmpdir(), 'switchyard-serve-'));
  await writeTinyLlama(join(dir, 'alpha.gguf'));
  await writeTinyLlama(join(dir, 'beta.gguf'));
  await writeFile(join(dir, 'key.txt'), `${API_KEY}\n`);
});

afterAll(() => rm(dir, { recursive: true, force: true }));

describe('serve: two GGUF models behind one endpoint', () => {
  let serve: ServeProcess;
  let client: OpenAI;

  beforeAll(async () => {
    serve = await startServe(['alpha.gguf', 'beta.gguf', ...runtime, '--api-key-file', 'key.txt', ...engineArgs], {
      cwd: dir,
      apiKey: API_KEY,
    });
    client = new OpenAI({ baseURL: serve.ready.baseUrl, apiKey: API_KEY, maxRetries: 0 });
  });

  afterAll(async () => {
    await serve?.stop('SIGKILL');
  });

  it('says where it listens and which engine serves each model, and lists both, stopped', async () => {
    expect(serve.ready).toMatchObject({
      event: 'ready',
      baseUrl: `${serve.ready.url}/v1`,
      models: [
        { name: 'alpha', engine: 'llamacpp' },
        { name: 'beta', engine: 'llamacpp' },
      ],
    });
    const listed = await client.models.list();
    expect(listed.data.map((model) => ({ id: model.id, state: (model as { state?: string }).state }))).toEqual([
      { id: 'alpha', state: 'stopped' },
      { id: 'beta', state: 'stopped' },
    ]);
  });

  it('refuses every route without the key, or with a wrong one (401)', async () => {
    const wrong = new OpenAI({ baseURL: serve.ready.baseUrl, apiKey: 'wrong', maxRetries: 0 });
    await expect(wrong.models.list()).rejects.toBeInstanceOf(OpenAI.AuthenticationError);
    await expect(wrong.chat.completions.create(chat('alpha'))).rejects.toMatchObject({ status: 401 });
    for (const path of ['/switchyard/status', '/metrics', '/v1/models']) {
      expect((await fetch(`${serve.ready.url}${path}`)).status).toBe(401);
    }
  });

  it('404 for a model it does not serve, naming those it does', async () => {
    const error = await client.chat.completions.create(chat('gpt-4')).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(OpenAI.NotFoundError);
    expect((error as Error).message).toMatch(/"gpt-4".*"alpha", "beta"/);
  });

  it('starts a model’s engine on its first request, once for concurrent first requests', async () => {
    const answers = await Promise.all([1, 2, 3].map(() => client.chat.completions.create(chat('alpha'))));
    for (const answer of answers) expect(answer).toMatchObject({ model: 'alpha', object: 'chat.completion' });
    const { models } = await serve.status();
    expect(models.map(({ name, state }) => ({ name, state }))).toEqual([
      { name: 'alpha', state: 'ready' },
      { name: 'beta', state: 'stopped' },
    ]);
    expect(metric(await serve.metrics(), 'switchyard_cold_starts_total{model="alpha"}')).toBe(1);
    const completion = await client.completions.create({ model: 'beta', prompt: 'hello', max_tokens: 3 });
    expect(completion.usage?.completion_tokens).toBe(3);
    expect((await serve.status()).models.every((model) => model.state === 'ready')).toBe(true);
  });

  it('streams 16 concurrent requests across both models to the end', async () => {
    const streams = Array.from({ length: 16 }, async (_, i) => {
      const model = i % 2 === 0 ? 'alpha' : 'beta';
      const stream = await client.chat.completions.create({ ...chat(model), max_tokens: 8, stream: true });
      let text = '';
      let finish: string | null = null;
      for await (const chunk of stream) {
        expect(chunk.model).toBe(model);
        text += chunk.choices[0]?.delta.content ?? '';
        finish = chunk.choices[0]?.finish_reason ?? finish;
      }
      return { text, finish };
    });
    for (const { text, finish } of await Promise.all(streams)) {
      expect(finish).toMatch(/^(length|stop)$/);
      expect(text.length).toBeGreaterThan(0);
    }
    const metrics = await serve.metrics();
    expect(metric(metrics, 'switchyard_requests_total{model="alpha",route="chat/completions",status="200"}')).toBe(11);
    expect(metric(metrics, 'switchyard_requests_total{model="beta",route="chat/completions",status="200"}')).toBe(8);
  });

  it('on SIGINT stops every engine and exits 0, leaving no process behind', async () => {
    const pids = (await serve.status()).models.map((model) => model.pid);
    expect(pids.every((pid) => typeof pid === 'number')).toBe(true);
    expect(await serve.stop('SIGINT')).toBe(0);
    expect(await processesMentioning(dir)).toEqual([]);
  });
});

describe('serve: --max-loaded and --idle-timeout', () => {
  let serve: ServeProcess;
  let client: OpenAI;

  beforeAll(async () => {
    serve = await startServe(
      ['alpha.gguf', 'beta.gguf', ...runtime, '--max-loaded', '1', '--idle-timeout', '2', ...engineArgs],
      {
        cwd: dir,
      },
    );
    client = new OpenAI({ baseURL: serve.ready.baseUrl, apiKey: 'unused', maxRetries: 0 });
  });

  afterAll(async () => {
    await serve?.stop('SIGKILL');
  });

  it('with --max-loaded 1, the second model evicts the idle first', async () => {
    await client.chat.completions.create(chat('alpha'));
    await client.chat.completions.create(chat('beta'));
    const states = (await serve.status()).models.map(({ name, state }) => ({ name, state }));
    expect(states).toEqual([
      { name: 'alpha', state: 'stopped' },
      { name: 'beta', state: 'ready' },
    ]);
    expect(metric(await serve.metrics(), 'switchyard_evictions_total{model="alpha"}')).toBe(1);
  });

  it('stops an engine left idle for --idle-timeout', async () => {
    const stopped = await eventually(async () =>
      (await serve.status()).models.every((model) => model.state === 'stopped'),
    );
    expect(stopped).toBe(true);
    expect(serve.stderr()).toContain('stopping "beta": idle for 2 s');
    expect(await serve.stop('SIGTERM')).toBe(0);
    expect(await processesMentioning(dir)).toEqual([]);
  });
});
