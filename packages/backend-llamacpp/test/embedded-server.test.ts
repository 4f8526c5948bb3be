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
import { embeddedServerScript } from '../src/index.js';

/**
 * The embedded runtime's server, spawned directly (no supervisor) on the tiny random model: the
 * OpenAI-compatible routes, streaming, errors, and a clean exit on SIGTERM. Needs `npm run build`.
 */
const API_KEY = 'test-key';
const auth = { authorization: `Bearer ${API_KEY}` };
let dir: string;
let model: string;
let server: RunningServer;
let url: string;

interface RunningServer {
  readonly child: ChildProcess;
  readonly url: string;
  /** Every /health answer before the first 200. */
  readonly healthWhileLoading: readonly { status: number; body: unknown }[];
  /** What the server has written to stderr so far. */
  readonly stderr: () => string;
}

/** Spawns the server on the tiny model and waits until /health answers 200. */
async function startServer(extraArgs: readonly string[] = []): Promise<RunningServer> {
  const port = await getPort();
  const serverUrl = `http://127.0.0.1:${port}`;
  const args = ['--model', model, '--port', String(port), '--alias', 'tiny', '--gpu', 'false', '--threads', '1'];
  const child = spawn(process.execPath, [embeddedServerScript(), ...args, ...extraArgs], {
    env: { ...process.env, LLAMA_API_KEY: API_KEY },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  const healthWhileLoading: { status: number; body: unknown }[] = [];
  for (;;) {
    const answer = await fetch(`${serverUrl}/health`).then(
      async (response) => ({ status: response.status, body: await response.json() }),
      () => undefined,
    );
    if (answer?.status === 200) break;
    if (answer) healthWhileLoading.push(answer);
    if (child.exitCode !== null) throw new Error(`the server exited with code ${child.exitCode}: ${stderr}`);
    await sleep(50);
  }
  return { child, url: serverUrl, healthWhileLoading, stderr: () => stderr };
}

beforeAll(async () => {
  if (!existsSync(embeddedServerScript())) throw new Error(`${embeddedServerScript()} is missing: run npm run build`);
  dir = await mkdtemp(join(tmpdir(), 'switchyard-embedded-'));
  model = await writeTinyLlama(join(dir, 'tiny.gguf'));
  server = await startServer();
  url = server.url;
});

afterAll(async () => {
  if (server?.child.exitCode === null) server.child.kill('SIGKILL');
  await rm(dir, { recursive: true, force: true });
});

const chat = { messages: [{ role: 'user', content: 'hello' }], max_tokens: 12, temperature: 0 };

describe('embedded server: serving', () => {
  it('answers /health with 503 in OpenAI shape until the model is loaded, then 200, without a key', async () => {
    for (const answer of server.healthWhileLoading) {
      expect(answer).toEqual({ status: 503, body: openAiError({ type: 'unavailable_error', code: 'model_loading' }) });
    }
    const response = await fetch(`${url}/health`);
    expect({ status: response.status, body: await response.json() }).toEqual({ status: 200, body: { status: 'ok' } });
  });

  it('lists the served model under its alias', async () => {
    const response = await fetch(`${url}/v1/models`, { headers: auth });
    expect(await response.json()).toMatchObject({ object: 'list', data: [{ id: 'tiny', object: 'model' }] });
  });

  it('answers GET /v1/models/{id} with the model object, and 404 model_not_found for another id', async () => {
    const listed = (await (await fetch(`${url}/v1/models`, { headers: auth })).json()).data[0];
    const response = await fetch(`${url}/v1/models/tiny`, { headers: auth });
    expect({ status: response.status, body: await response.json() }).toEqual({ status: 200, body: listed });
    const other = await fetch(`${url}/v1/models/gpt-4`, { headers: auth });
    expect({ status: other.status, body: await other.json() }).toEqual({
      status: 404,
      body: openAiError({ param: 'model', code: 'model_not_found' }),
    });
  });

  it('takes the Authorization scheme in any case', async () => {
    const response = await fetch(`${url}/v1/models`, { headers: { authorization: `bearer ${API_KEY}` } });
    expect(response.status).toBe(200);
  });

  it('takes null as an absent field, "developer" as the system role and a null assistant content as empty', async () => {
    const nulls = { top_p: null, seed: null, n: null, stop: null, stream: null, stream_options: null };
    const absent = await postJson(`${url}/v1/chat/completions`, chat, auth);
    const withNulls = await postJson(`${url}/v1/chat/completions`, { ...chat, ...nulls }, auth);
    expect(withNulls.status).toBe(200);
    expect(withNulls.body.choices[0].message).toEqual(absent.body.choices[0].message);
    expect((await postJson(`${url}/v1/chat/completions`, { ...chat, temperature: null }, auth)).status).toBe(200);
    const nullMaxTokens = await postJson(
      `${url}/v1/completions`,
      { prompt: 'hello', max_tokens: null, temperature: 0 },
      auth,
    );
    expect(nullMaxTokens.body.usage.completion_tokens).toBe(16);

    const conversation = (role: string, answer: string | null) => ({
      ...chat,
      messages: [
        { role, content: 'Be brief.' },
        { role: 'user', content: 'hello' },
        { role: 'assistant', content: answer },
        { role: 'user', content: 'again' },
      ],
    });
    const expected = await postJson(`${url}/v1/chat/completions`, conversation('system', ''), auth);
    const given = await postJson(`${url}/v1/chat/completions`, conversation('developer', null), auth);
    expect(given.status).toBe(200);
    expect(given.body.usage).toEqual(expected.body.usage);
    expect(given.body.choices[0].message).toEqual(expected.body.choices[0].message);
  });

  it('samples reproducibly with a seed, and differently without one', async () => {
    const sampled = { prompt: 'hello', max_tokens: 24, temperature: 1 };
    const text = async (body: object) =>
      (await postJson(`${url}/v1/completions`, body, auth)).body.choices[0].text as string;
    expect(await text({ ...sampled, seed: 7, top_p: 0.9 })).toBe(await text({ ...sampled, seed: 7, top_p: 0.9 }));
    // Without a seed, two requests in the same second once sampled alike; a random seed makes a pair differ.
    let differed = false;
    for (let pair = 0; pair < 3 && !differed; pair++) {
      const [first, second] = await Promise.all([text(sampled), text(sampled)]);
      differed = first !== second;
    }
    expect(differed).toBe(true);
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

describe('embedded server: the context', () => {
  /** The tiny model's context: its trained length. */
  const contextSize = 256;
  const longText = 'hello '.repeat(1000);

  it.each([
    ['a completion', '/v1/completions', { prompt: longText }, 'prompt'],
    ['a streamed completion', '/v1/completions', { prompt: longText, stream: true }, 'prompt'],
    ['a chat', '/v1/chat/completions', { messages: [{ role: 'user', content: longText }] }, 'messages'],
  ] as const)('400 context_length_exceeded for %s longer than the context', async (_what, path, body, param) => {
    const answer = await postJson(`${url}${path}`, body, auth);
    expect(answer).toMatchObject({ status: 400, body: openAiError({ param, code: 'context_length_exceeded' }) });
    const counts = (answer.body.error.message as string).match(/\d+/g)?.map(Number) ?? [];
    expect(counts).toContain(contextSize);
    expect(Math.max(...counts)).toBeGreaterThan(1000); // the prompt's own count, not the part that would fit
  });

  it('takes the longest prompt that fits whole, and answers in the room left', async () => {
    // "x" is one token; with the beginning-of-sequence token, 253 of them are 254 tokens.
    const { status, body } = await postJson(`${url}/v1/completions`, { prompt: 'x'.repeat(253), max_tokens: 9 }, auth);
    expect(status).toBe(200);
    expect(body.usage).toEqual({ prompt_tokens: 254, completion_tokens: 2, total_tokens: contextSize });
    expect(body.choices[0].finish_reason).toBe('length');
    const tooLong = await postJson(`${url}/v1/completions`, { prompt: 'x'.repeat(254) }, auth);
    expect(tooLong.body.error.message).toContain('255');
  });

  it('generates no more than the context holds, whatever max_tokens asks, and says so with "length"', async () => {
    const completion = await postJson(
      `${url}/v1/completions`,
      { prompt: 'hello', max_tokens: 1_000_000_000, temperature: 0 },
      auth,
    );
    expect(completion.body.usage.total_tokens).toBe(contextSize);
    expect(completion.body.choices[0].finish_reason).toBe('length');
    // Without max_tokens a chat answers until the context is full, not past it.
    const { max_tokens: _, ...unbounded } = chat;
    const answer = await postJson(`${url}/v1/chat/completions`, unbounded, auth);
    expect(answer.body.usage.total_tokens).toBe(contextSize);
    expect(answer.body.choices[0].finish_reason).toBe('length');
  });

  it('keeps text held back for a stop sequence that never completes, and counts usage as without it', async () => {
    const request = { prompt: 'hello', max_tokens: 8, temperature: 0 };
    const whole = (await postJson(`${url}/v1/completions`, request, auth)).body;
    const text: string = whole.choices[0].text;
    // Each stop begins like a later part of the text (one like its very end), then breaks off with "§",
    // which the model never writes.
    const stop = [`${text.slice(2, 4)}§`, `${text.at(-1)}§`];
    const { body } = await postJson(`${url}/v1/completions`, { ...request, stop }, auth);
    expect(body.choices[0]).toMatchObject({ text, finish_reason: 'length' });
    expect(body.usage).toEqual(whole.usage);
    expect(whole.usage).toMatchObject({ prompt_tokens: 5, completion_tokens: 8 });
    const { events } = await postStream(`${url}/v1/completions`, { ...request, stop }, auth);
    const streamed = events.slice(0, -1).map((event) => JSON.parse(event).choices[0].text);
    expect(streamed.join('')).toBe(text);
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
    ['a top_p of 0', { ...chat, top_p: 0 }, { param: 'top_p' }],
    ['a top_p above 1', { ...chat, top_p: 1.5 }, { param: 'top_p' }],
    ['a seed that is not an integer', { ...chat, seed: 1.5 }, { param: 'seed' }],
  ] as const)('400 for %s', async (_what, body, fields) => {
    const answer = await postJson(`${url}/v1/chat/completions`, body, auth);
    // Fastify names the charset: `application/json; charset=utf-8`.
    expect(answer).toMatchObject({ status: 400, contentType: expect.stringMatching(/^application\/json/) });
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

  it.each([
    ['GET', '/v1/chat/completions', 'POST'],
    ['DELETE', '/v1/models', 'GET'],
    ['POST', '/health', 'GET'],
  ])('405 with an Allow header for %s %s', async (method, path, allowed) => {
    const response = await fetch(`${url}${path}`, { method, headers: auth });
    expect(response.status).toBe(405);
    expect(response.headers.get('allow')).toBe(allowed);
    expect(await response.json()).toEqual(openAiError({ code: 'method_not_allowed' }));
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
  it('on SIGTERM mid-generation, ends the stream with an error and exits with code 0, cleanly', async () => {
    // A larger context than the model's makes a generation long enough to interrupt.
    const busy = await startServer(['--ctx-size', '2048']);
    const response = await fetch(`${busy.url}/v1/completions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...auth },
      body: JSON.stringify({ prompt: 'hello', max_tokens: 2000, temperature: 0, stream: true }),
    });
    const reader = (response.body as ReadableStream<Uint8Array>).pipeThrough(new TextDecoderStream()).getReader();
    let received = (await reader.read()).value ?? '';
    const exited = once(busy.child, 'exit');
    busy.child.kill('SIGTERM');
    for (let chunk = await reader.read(); !chunk.done; chunk = await reader.read()) received += chunk.value;
    const [code, signal] = await exited;
    expect({ code, signal }).toEqual({ code: 0, signal: null });
    expect(busy.stderr()).toBe('');
    expect(received).not.toContain('[DONE]');
    expect(JSON.parse(received.trimEnd().split('\n\n').at(-1)?.slice('data: '.length) ?? '')).toEqual(
      openAiError({ type: 'unavailable_error', code: 'server_shutting_down' }),
    );
  });

  it('exits with code 0 on SIGTERM and stops listening', async () => {
    const exited = once(server.child, 'exit');
    server.child.kill('SIGTERM');
    const [code, signal] = await exited;
    expect({ code, signal }).toEqual({ code: 0, signal: null });
    await expect(fetch(`${url}/health`)).rejects.toThrow();
  });
});
