import { execFileSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { existsSync, readlinkSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import llamacpp from '@switchyard/backend-llamacpp';
import mlx from '@switchyard/backend-mlx';
import sglang from '@switchyard/backend-sglang';
import transformers from '@switchyard/backend-transformers';
import vllm from '@switchyard/backend-vllm';
import { createSwitchyard } from '@switchyard/core';
import OpenAI from 'openai';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { processesMentioning } from './support/openai-http.js';
import { killRunningClis, nextStdoutLine, startCli } from './support/running-cli.js';
import { startServe } from './support/serve-process.js';
import { testPython } from './support/test-python.js';
import { tinyHfModel } from './support/tiny-hf-model.js';
import { writeTinyLlama } from './support/tiny-llama.js';

/**
 * transformers for real: `transformers serve` from the tests' Python environment, on CPU, serving a
 * tiny random-weight Llama folder written by transformers itself, driven by the official openai
 * client, started and stopped through Switchyard's CLI and library.
 */
const LOAD_MS = 120_000;
let python: string;
let model: string;

beforeAll(async () => {
  python = testPython();
  model = await tinyHfModel();
}, LOAD_MS);

afterEach(killRunningClis);

/** Processes still in the engine's process group (uvicorn runs in transformers serve's own process). */
function processGroup(pgid: number): string[] {
  return execFileSync('ps', ['-eo', 'pgid=,stat=,args='], { encoding: 'utf8' })
    .split('\n')
    .filter((row) => Number(row.trim().split(/\s+/)[0]) === pgid && !row.trim().split(/\s+/)[1]?.startsWith('Z'));
}

/** A plain and a streamed chat completion by the served name, and the engine's refusal of any other name. */
async function expectChats(baseUrl: string, served: string): Promise<void> {
  const client = new OpenAI({ baseURL: baseUrl, apiKey: 'not-needed', maxRetries: 0 });
  const messages = [{ role: 'user' as const, content: 'say hello' }];

  const reply = await client.chat.completions.create({ model: served, messages, max_tokens: 5 });
  expect(reply.choices[0]?.message).toMatchObject({ role: 'assistant', content: expect.stringMatching(/\w/) });
  expect(reply.usage?.completion_tokens).toBeGreaterThan(0);

  const chunks = [];
  for await (const chunk of await client.chat.completions.create({
    model: served,
    messages,
    max_tokens: 5,
    stream: true,
  }))
    chunks.push(chunk);
  expect(chunks.map((chunk) => chunk.choices[0]?.delta.content ?? '').join('')).toMatch(/\w/);
  expect(chunks.at(-1)?.choices[0]?.finish_reason).toBe('length');

  // transformers serve is pinned to the name it loaded: what Switchyard's served name must match.
  await expect(client.chat.completions.create({ model: `not-${served}`, messages })).rejects.toMatchObject({
    status: 400,
  });
}

describe('switchyard launch with transformers', () => {
  it(
    'detects transformers in --python, serves the folder by the served name, and leaves nothing after Ctrl-C',
    async () => {
      const served = `tiny-${randomUUID()}`;
      const cli = startCli(['launch', './tiny-hf-model', '--python', python, '--served-name', served, '--json'], {
        cwd: dirname(model),
      });
      const ready = JSON.parse(await nextStdoutLine(cli, /^\{/));
      expect(ready).toMatchObject({ event: 'ready', backend: 'transformers', servedModelName: served });
      const workdir = readlinkSync(`/proc/${ready.pid}/cwd`);
      expect(readlinkSync(join(workdir, served))).toBe(model);

      await expectChats(ready.baseUrl, served);

      cli.child.kill('SIGINT');
      expect(await cli.exit).toEqual([130, null]);
      // uvicorn shuts down on SIGTERM, then re-raises it: a clean stop, not the SIGKILL after the grace period.
      expect(JSON.parse(cli.stdout.trim().split('\n').at(-1) ?? '')).toMatchObject({
        event: 'stopped',
        reason: 'SIGINT',
        engineExit: { code: null, signal: 'SIGTERM' },
      });
      expect(processGroup(ready.pid)).toEqual([]);
      expect(await processesMentioning(served)).toEqual([]);
      expect(existsSync(workdir)).toBe(false);
    },
    LOAD_MS,
  );
});

describe('the library launches transformers', () => {
  it(
    'selects transformers for the folder on this host, serves it under the folder’s name, and stops it',
    async () => {
      const switchyard = createSwitchyard({ plugins: [vllm, sglang, mlx, llamacpp, transformers] });
      const selection = await switchyard.select(model, { python });
      expect(selection.chosen).toBe('transformers');

      const engine = await switchyard.launch(model, { python, supervise: { readyTimeoutMs: LOAD_MS } });
      expect(engine.plan).toMatchObject({
        servedModelName: 'tiny-hf-model',
        command: join(dirname(python), 'transformers'),
      });
      await expectChats(engine.baseUrl, 'tiny-hf-model');

      expect(await engine.stop()).toEqual({ code: null, signal: 'SIGTERM' });
      expect(engine.recentLogs().map((entry) => entry.line)).toContain('INFO:     Application shutdown complete.');
      expect(processGroup(engine.pid)).toEqual([]);
    },
    LOAD_MS,
  );
});

describe('switchyard serve: a GGUF on the embedded llama.cpp runtime and the transformers folder behind one endpoint', () => {
  it(
    'serves both engines by name, plain and streamed, and leaves nothing after Ctrl-C',
    async () => {
      const dir = await mkdtemp(join(tmpdir(), 'switchyard-serve-two-engines-'));
      try {
        await writeTinyLlama(join(dir, 'alpha.gguf'));
        // Pinned so that a machine that also has llama-server still exercises the embedded runtime.
        const alpha = {
          name: 'alpha',
          model: './alpha.gguf',
          runtime: 'node-llama-cpp',
          extraArgs: ['--threads', '1'],
        };
        await writeFile(join(dir, 'switchyard.config.json'), JSON.stringify({ serve: { models: [alpha] } }));
        const serve = await startServe([model, '--python', python], { cwd: dir });
        try {
          expect(serve.ready.models).toEqual([
            { name: 'alpha', engine: 'llamacpp' },
            { name: 'tiny-hf-model', engine: 'transformers' },
          ]);
          const client = new OpenAI({ baseURL: serve.ready.baseUrl, apiKey: 'not-needed', maxRetries: 0 });
          const messages = [{ role: 'user' as const, content: 'say hello' }];
          const [gguf, folder] = await Promise.all([
            client.chat.completions.create({ model: 'alpha', messages, max_tokens: 4 }),
            client.chat.completions.create({ model: 'tiny-hf-model', messages, max_tokens: 4 }),
          ]);
          expect(gguf.choices[0]?.message.content).toEqual(expect.any(String));
          expect(folder.choices[0]?.message.content).toMatch(/\w/);
          let streamed = '';
          for await (const chunk of await client.chat.completions.create({
            model: 'tiny-hf-model',
            messages,
            max_tokens: 4,
            stream: true,
          }))
            streamed += chunk.choices[0]?.delta.content ?? '';
          expect(streamed).toMatch(/\w/);

          const { models } = await serve.status();
          expect(models.map(({ name, state }) => ({ name, state }))).toEqual([
            { name: 'alpha', state: 'ready' },
            { name: 'tiny-hf-model', state: 'ready' },
          ]);
          const pids = models.map((entry) => entry.pid ?? 0);
          expect(await serve.stop('SIGINT')).toBe(0);
          for (const pid of pids) expect(processGroup(pid)).toEqual([]);
          expect(await processesMentioning(dir)).toEqual([]);
        } finally {
          await serve.stop('SIGKILL');
        }
      } finally {
        await rm(dir, { recursive: true, force: true });
      }
    },
    LOAD_MS,
  );
});
