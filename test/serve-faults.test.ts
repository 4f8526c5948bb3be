import { randomUUID } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import OpenAI from 'openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { processesMentioning } from './support/openai-http.js';
import { fixture } from './support/run-cli.js';
import { eventually, metric, type ServeProcess, startServe } from './support/serve-process.js';

/**
 * `switchyard serve` in front of fake engines (test/fixtures/fake-engines) that fail the ways real
 * ones do: at start, mid-stream, by hanging, by being killed. Models come from serve.models of
 * switchyard.config.json. Needs `npm run build`.
 */
const tag = randomUUID();
let dir: string;
let serve: ServeProcess;
let client: OpenAI;

const fakeModel = (name: string, engineArgs: readonly string[]) => ({
  name,
  model: `fake-${name}`,
  format: 'pytorch',
  extraArgs: ['--tag', tag, ...engineArgs],
});

const chat = (model: string) => ({ model, messages: [{ role: 'user' as const, content: 'hello' }] });

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'switchyard-serve-faults-'));
  const config = {
    plugins: [fixture('launch-plugin/fake-engine-plugin.mjs')],
    serve: {
      models: [
        fakeModel('steady', []),
        fakeModel('crashes-at-start', ['--crash-after', '50']),
        fakeModel('dies-answering', ['--on-request', 'die']),
        fakeModel('hangs', ['--on-request', 'hang']),
      ],
    },
  };
  await writeFile(join(dir, 'switchyard.config.json'), JSON.stringify(config));
  serve = await startServe(['--request-timeout', '1'], { cwd: dir });
  client = new OpenAI({ baseURL: serve.ready.baseUrl, apiKey: 'unused', maxRetries: 0 });
});

afterAll(async () => {
  await serve?.stop('SIGKILL');
  await rm(dir, { recursive: true, force: true });
});

const failure = (promise: Promise<unknown>) =>
  promise.then(
    () => expect.unreachable('the request succeeded'),
    (error: unknown) => error as InstanceType<typeof OpenAI.APIError>,
  );

describe('serve: engine faults', () => {
  it('503 with the engine’s last log lines and a Retry-After when it fails to start, then backs off', async () => {
    const error = await failure(client.chat.completions.create(chat('crashes-at-start')));
    expect(error.status).toBe(503);
    expect(error.code).toBe('engine_start_failed');
    expect(error.message).toContain('fatal: out of memory while loading weights');
    expect(Number(error.headers?.get('retry-after'))).toBeGreaterThan(0);
    // Within the backoff the engine is not tried again.
    const again = await failure(client.chat.completions.create(chat('crashes-at-start')));
    expect(again.status).toBe(503);
    const metrics = await serve.metrics();
    expect(metric(metrics, 'switchyard_engine_start_failures_total{model="crashes-at-start"}')).toBe(1);
    expect(metric(metrics, 'switchyard_cold_starts_total{model="crashes-at-start"}')).toBe(1);
  });

  it('ends a stream with an error when the engine dies mid-stream, 502s a request it dies under, and restarts it', async () => {
    const stream = await client.chat.completions.create({ ...chat('dies-answering'), stream: true });
    const received: string[] = [];
    const streamed = await failure(
      (async () => {
        for await (const chunk of stream) received.push(chunk.choices[0]?.delta.content ?? '');
      })(),
    );
    expect(received).toEqual(['t0 ']);
    expect(streamed.message).toMatch(/engine for "dies-answering" failed while answering/);
    const state = async () => (await serve.status()).models.find((model) => model.name === 'dies-answering')?.state;
    expect(await eventually(async () => (await state()) === 'stopped')).toBe(true);
    // The next request starts the engine again; it dies under this one before answering.
    const whole = await failure(client.chat.completions.create(chat('dies-answering')));
    expect(whole.status).toBe(502);
    expect(whole.code).toBe('engine_failed');
    expect(metric(await serve.metrics(), 'switchyard_engine_restarts_total{model="dies-answering"}')).toBe(1);
  });

  it('cuts a request whose engine hangs at --request-timeout (504)', async () => {
    const error = await failure(client.chat.completions.create(chat('hangs')));
    expect(error.status).toBe(504);
    expect(error.code).toBe('engine_timeout');
  });

  it('restarts an engine killed with SIGKILL on the next request', async () => {
    expect(await client.chat.completions.create(chat('steady'))).toMatchObject({
      choices: [{ message: { content: 't0 t1 t2 t3 ' } }],
    });
    const pidOf = async () => (await serve.status()).models.find((model) => model.name === 'steady')?.pid;
    const killed = await pidOf();
    process.kill(killed as number, 'SIGKILL');
    expect(await eventually(async () => (await pidOf()) === null)).toBe(true);
    await client.chat.completions.create(chat('steady'));
    expect(await pidOf()).not.toBe(killed);
    expect(metric(await serve.metrics(), 'switchyard_engine_restarts_total{model="steady"}')).toBe(1);
  });

  it('on SIGINT stops every engine, the hung one too, and exits 0, leaving no process behind', async () => {
    expect((await processesMentioning(tag)).length).toBeGreaterThan(0);
    expect(await serve.stop('SIGINT')).toBe(0);
    expect(await processesMentioning(tag)).toEqual([]);
  });
});
