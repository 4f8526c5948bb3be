import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import getPort from 'get-port';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openAiError, postJson, postStream } from '../../../test/support/openai-http.js';
import { writeTinyLlama } from '../../../test/support/tiny-llama.js';
import { EMBEDDED_SERVER_SCRIPT } from '../src/index.js';

/**
 * The embedded runtime's server, spawned directly (no supervisor) on the tiny random model: the
 * OpenAI-compatible routes, streaming, errors, and a clean exit on SIGTERM. Needs `npm run build`.
 */
const API_KEY = 'test-key';
const auth = { authorization: `Bearer ${API_KEY}` };
let dir: string;
let server: ChildProcess;
let url: string;
const healthWhileLoading: { status: number; body: unknown }[] = [];

beforeAll(async () => {
  if (!existsSync(EMBEDDED_SERVER_SCRIPT)) throw new Error(`${EMBEDDED_SERVER_SCRIPT} is missing: run npm run build`);
  dir = await mkdtemp(join(tmpdir(), 'switchyard-embedded-'));
  const model = await writeTinyLlama(join(dir, 'tiny.gguf'));
  const port = await getPort();
  url = `http://127.0.0.1:${port}`;
  server = spawn(
    process.execPath,
    [
      EMBEDDED_SERVER_SCRIPT,
      '--model',
      model,
      '--port',
      String(port),
      '--alias',
      'tiny',
      '--gpu',
      'false',
      '--threads',
      '1',
    ],
    { env: { ...process.env, LLAMA_API_KEY: API_KEY }, stdio: ['ignore', 'pipe', 'inherit'] },
  );
  for (;;) {
    const answer = await fetch(`${url}/health`).then(
      async (response) => ({ status: response.status, body: await response.json() }),
      () => undefined,
    );
    if (answer?.status === 200) break;
    if (answer) healthWhileLoading.push(answer);
    if (server.exitCode !== null) throw new Error(`the server exited with code ${server.exitCode}`);
    await sleep(50);
  }
});

afterAll(async () => {
  if (server?.exitCode === null) server.kill('SIGKILL');
  await rm(dir, { recursive: true, force: true });
});

const chat = { messages: [{ role: 'user', content: 'hello' }], max_tokens: 12, temperature: 0 };

describe('embedded server: serving', () => {
  it('answers /health with 503 in OpenAI shape until the model is loaded, then 200, without a key', async () => {
    for (const answer of healthWhileLoading) {
      expect(answer).toEqual({ status: 503, body: openAiError({ type: 'unavailable_error', code: 'model_loading' }) });
    }
    const response = await fetch(`${url}/health`);
    expect({ status: response.status, body: await response.json() }).toEqual({ status: 200, body: { status: 'ok' } });
  });

  it('lists the served model under its alias', async () => {
    const response = await fetch(`${url}/v1/models`, { headers: auth });
    expect(await response.json()).toMatchObject({ object: 'list', data: [{ id: 'tiny', object: 'model' }] });
  });

  it('answers a chat completion with a message, a finish reason and consistent usage', async () => {
    const { status, body } = await postJson(`${url}/v1/chat/completions`, chat, auth);
    expect(status).toBe(200);
    expect(body).toMatchObject({
      object: 'chat.completion',
      model: 'tiny',
      choices: [{ index: 0, message: { role: 'assistant', content: expect.any(String) } }],
    });
    const { prompt_tokens, completion_tokens, total_tokens } = body.usage;
    expect(prompt_tokens).toBeGreaterThan(0);
    expect(completion_tokens).toBeGreaterThan(0);
    expect(completion_tokens).toBeLessThanOrEqual(12);
    expect(total_tokens).toBe(prompt_tokens + completion_tokens);
    expect(body.choices[0].finish_reason).toBe(completion_tokens === 12 ? 'length' : 'stop');
  });

  it('streams the same chat answer as SSE deltas, ending with data: [DONE] and, if asked, the usage', async () => {
    const whole = (await postJson(`${url}/v1/chat/completions`, chat, auth)).body;
    const { status, contentType, events } = await postStream(
      `${url}/v1/chat/completions`,
      { ...chat, stream_options: { include_usage: true } },
      auth,
    );
    expect(status).toBe(200);
    expect(contentType).toMatch(/^text\/event-stream/);
    expect(events.at(-1)).toBe('[DONE]');
    const chunks = events.slice(0, -1).map((event) => JSON.parse(event));
    expect(chunks.every((chunk) => chunk.object === 'chat.completion.chunk' && chunk.id === chunks[0].id)).toBe(true);
    expect(chunks[0].choices[0].delta).toEqual({ role: 'assistant', content: '' });
    const withChoices = chunks.filter((chunk) => chunk.choices.length > 0);
    const text = withChoices.map((chunk) => chunk.choices[0].delta.content ?? '').join('');
    expect(text).toBe(whole.choices[0].message.content);
    expect(withChoices.at(-1).choices[0].finish_reason).toBe(whole.choices[0].finish_reason);
    expect(chunks.at(-1)).toMatchObject({ choices: [], usage: whole.usage });
  });

  it('completes text, honours max_tokens, and streams the same text', async () => {
    const request = { prompt: 'the world', max_tokens: 5, temperature: 0 };
    const { body } = await postJson(`${url}/v1/completions`, request, auth);
    expect(body).toMatchObject({
      object: 'text_completion',
      choices: [{ index: 0, text: expect.any(String), finish_reason: 'length' }],
      usage: { completion_tokens: 5 },
    });
    const { events } = await postStream(`${url}/v1/completions`, request, auth);
    const chunks = events.slice(0, -1).map((event) => JSON.parse(event));
    expect(chunks.map((chunk) => chunk.choices[0].text).join('')).toBe(body.choices[0].text);
    expect(events.at(-1)).toBe('[DONE]');
  });

  it('stops at a stop sequence, leaving it out, with finish_reason stop', async () => {
    const request = { prompt: 'hello', max_tokens: 24, temperature: 0 };
    // Streamed chunks are whole tokens: stopping on one (not on part of one) has a known answer.
    const { events } = await postStream(`${url}/v1/completions`, request, auth);
    const pieces: string[] = events.slice(0, -1).map((event) => JSON.parse(event).choices[0].text);
    const full = pieces.join('');
    const at = pieces.findIndex(
      (piece, i) => i > 0 && /^\S+$/.test(piece) && full.indexOf(piece) === pieces.slice(0, i).join('').length,
    );
    expect(at).toBeGreaterThan(0);
    const { body } = await postJson(`${url}/v1/completions`, { ...request, stop: pieces[at] }, auth);
    expect(body.choices[0]).toMatchObject({ text: pieces.slice(0, at).join(''), finish_reason: 'stop' });
  });
});

describe('embedded server: OpenAI-shaped errors', () => {
  it.each([
    ['invalid JSON', '{"messages": [', { code: 'invalid_json' }],
    ['no messages', { max_tokens: 2 }, { param: 'messages' }],
    ['a bad role', { messages: [{ role: 'robot', content: 'x' }] }, { param: 'messages.0.role' }],
    ['a temperature out of range', { ...chat, temperature: 5 }, { param: 'temperature' }],
    ['max_tokens of 0', { ...chat, max_tokens: 0 }, { param: 'max_tokens' }],
    ['n of 2', { ...chat, n: 2 }, { param: 'n' }],
    ['a bad stop', { ...chat, stop: [1] }, { param: 'stop' }],
  ] as const)('400 for %s', async (_what, body, fields) => {
    const answer = await postJson(`${url}/v1/chat/completions`, body, auth);
    expect(answer).toMatchObject({ status: 400, contentType: 'application/json' });
    expect(answer.body).toEqual(openAiError(fields));
  });

  it('400 for a completion without a prompt', async () => {
    expect(await postJson(`${url}/v1/completions`, { max_tokens: 2 }, auth)).toMatchObject({
      status: 400,
      body: openAiError({ param: 'prompt' }),
    });
  });

  it('404 for an unknown model and for an unknown route', async () => {
    expect(await postJson(`${url}/v1/chat/completions`, { ...chat, model: 'gpt-4' }, auth)).toMatchObject({
      status: 404,
      body: openAiError({ param: 'model', code: 'model_not_found' }),
    });
    const response = await fetch(`${url}/v1/embeddings`, { method: 'POST', headers: auth });
    expect(response.status).toBe(404);
    expect(await response.json()).toEqual(openAiError({ code: 'unknown_url' }));
  });

  it('401 without the API key or with a wrong one', async () => {
    for (const headers of [{}, { authorization: 'Bearer wrong' }]) {
      expect(await postJson(`${url}/v1/chat/completions`, chat, headers)).toMatchObject({
        status: 401,
        body: openAiError({ code: 'invalid_api_key' }),
      });
    }
  });
});

describe('embedded server: shutdown', () => {
  it('exits with code 0 on SIGTERM and stops listening', async () => {
    const exited = once(server, 'exit');
    server.kill('SIGTERM');
    const [code, signal] = await exited;
    expect({ code, signal }).toEqual({ code: 0, signal: null });
    await expect(fetch(`${url}/health`)).rejects.toThrow();
  });
});
