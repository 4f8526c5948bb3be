import type { EngineHandle } from '@switchyard/core';
import { afterEach, describe, expect, it } from 'vitest';
import { createModelServer, type EngineLauncher, type ModelServer, ServedModelSchema } from '../src/index.js';

/**
 * The server in process, with a launcher that starts nothing: admission and queueing decide before
 * any engine would start, so these need no engine process.
 */
const GiB = 2 ** 30;
const models = [
  ServedModelSchema.parse({ name: 'big', model: 'm' }),
  ServedModelSchema.parse({ name: 'slow', model: 'm' }),
];

function launcher(started: string[]): EngineLauncher {
  return {
    prepare: async (model) => ({
      engine: 'fake',
      need: { bytes: { 'gpu:0': (model.name === 'big' ? 30 : 1) * GiB }, source: 'test' },
    }),
    // A start that finishes only when stopped keeps requests waiting in the queue.
    launch: (model, { signal }) => {
      started.push(model.name);
      return new Promise<EngineHandle>((_resolve, reject) =>
        signal.addEventListener('abort', () => reject(signal.reason)),
      );
    },
    capacity: async () => ({ 'gpu:0': 24 * GiB }),
  };
}

let server: ModelServer | undefined;
afterEach(async () => {
  await server?.close({ graceMs: 0 });
});

async function listening(queueLimit: number, started: string[] = []) {
  server = createModelServer({ models, launcher: launcher(started), queueLimit, bodyLimitBytes: 1024 });
  const { baseUrl } = await server.listen({ port: 0 });
  const post = (body: unknown, path = '/chat/completions') =>
    fetch(`${baseUrl}${path}`, { method: 'POST', body: JSON.stringify(body) });
  return { post };
}

const chat = (model: string) => ({ model, messages: [{ role: 'user', content: 'hi' }] });

describe('model server: admission and queueing', () => {
  it('503 with the numbers for a model that cannot fit the GPU, and starts nothing', async () => {
    const started: string[] = [];
    const { post } = await listening(4, started);
    const response = await post(chat('big'));
    expect(response.status).toBe(503);
    const { error } = await response.json();
    expect(error).toMatchObject({ code: 'insufficient_memory', type: 'unavailable_error' });
    expect(error.message).toContain('it needs 30.0 GiB on GPU 0, which has 24.0 GiB in all');
    expect(started).toEqual([]);
  });

  it('queues requests for a starting model up to --queue-limit, then 429 with Retry-After', async () => {
    const started: string[] = [];
    const { post } = await listening(2, started);
    // Two wait for the start that never ends; the server cuts them when it closes after the test.
    for (const waiting of [post(chat('slow')), post(chat('slow'))]) waiting.catch(() => {});
    await expect.poll(() => started).toEqual(['slow']);
    const refused = await post(chat('slow'));
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
    expect((await refused.json()).error).toMatchObject({ type: 'rate_limit_error', code: 'queue_full' });
  });

  it('checks the body before starting anything: 400 naming the field, 413 over the limit', async () => {
    const started: string[] = [];
    const { post } = await listening(2, started);
    const bad = await post({ model: 'slow', messages: [] });
    expect(bad.status).toBe(400);
    expect((await bad.json()).error.param).toBe('messages');
    const missing = await post({ messages: [{ role: 'user', content: 'hi' }] });
    expect((await missing.json()).error).toMatchObject({
      param: 'model',
      message: expect.stringContaining('"big", "slow"'),
    });
    const large = await post({ ...chat('slow'), padding: 'x'.repeat(2048) });
    expect(large.status).toBe(413);
    expect(started).toEqual([]);
  });
});
