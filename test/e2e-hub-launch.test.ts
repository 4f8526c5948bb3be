import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { embeddedServerScript } from '@switchyard/backend-llamacpp';
import OpenAI from 'openai';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { encodeGguf } from './support/gguf-writer.js';
import { type LocalHub, startLocalHub } from './support/local-hub.js';
import { killRunningClis, nextStdoutLine, type RunningCli, startCli } from './support/running-cli.js';
import { tinyLlamaDocument } from './support/tiny-llama.js';

/**
 * What a user without the model does: `switchyard launch` of a catalog GGUF on the embedded runtime
 * (which loads only local files) pulls the file the catalog names from the hub (here a hub on
 * loopback, through HF_ENDPOINT, serving a tiny llama under the catalog's file name), then serves
 * it; with the hub gone, `launch --offline` serves the pulled copy. Needs `npm run build`.
 */
const QWEN = 'Qwen/Qwen2.5-0.5B-Instruct-GGUF';
const QWEN_FILE = 'qwen2.5-0.5b-instruct-q4_k_m.gguf';
const launch = (...more: string[]) => [
  'launch',
  'qwen2.5-instruct',
  '--format',
  'ggufv2',
  '--size',
  '0.5',
  '--quantization',
  'q4_k_m',
  // Pinned so that a machine that also has llama-server (which fetches for itself) still pulls.
  '--runtime',
  'node-llama-cpp',
  '--json',
  ...more,
  '--',
  '--threads',
  '1',
];

let hub: LocalHub;
let home: string;
let env: NodeJS.ProcessEnv;

beforeAll(async () => {
  if (!existsSync(embeddedServerScript())) throw new Error(`${embeddedServerScript()} is missing: run npm run build`);
  hub = await startLocalHub();
  hub.addRepo(QWEN, { [QWEN_FILE]: encodeGguf(tinyLlamaDocument()), 'README.md': '# Qwen2.5' });
  home = await mkdtemp(join(tmpdir(), 'switchyard-e2e-hub-'));
  env = { ...process.env, HF_HOME: home, HF_ENDPOINT: hub.endpoint, HF_HUB_OFFLINE: '', HF_TOKEN: '' };
});
afterEach(killRunningClis);
afterAll(async () => {
  await hub.close();
  await rm(home, { recursive: true, force: true });
});

/** Asks the served model for a chat completion with the official client, then stops the CLI. */
async function chatThenStop(cli: RunningCli) {
  const ready = JSON.parse(await nextStdoutLine(cli, /"event":"ready"/));
  const client = new OpenAI({ baseURL: ready.baseUrl, apiKey: 'unused' });
  const completion = await client.chat.completions.create({
    model: 'qwen2.5-instruct',
    messages: [{ role: 'user', content: 'Say hello.' }],
    max_tokens: 8,
  });
  expect(completion.choices[0]?.message.content).toEqual(expect.any(String));
  expect(completion.usage?.completion_tokens).toBeGreaterThan(0);
  cli.child.kill('SIGINT');
  expect(await cli.exit).toEqual([130, null]);
}

describe('launch pulls what its engine needs', () => {
  it('pulls the catalog GGUF into the cache, then serves a chat completion', async () => {
    const cli = startCli(launch(), { env });
    await chatThenStop(cli);
    expect(cli.stderr).toContain(`Downloading ${QWEN_FILE}…`);
    expect(cli.stderr).toContain(`${QWEN_FILE}: downloaded`);
    expect(hub.requests.some((request) => request.cdn)).toBe(true);
  }, 120_000);

  it('with the hub stopped, launch --offline serves the pulled copy', async () => {
    await hub.close();
    hub.requests.length = 0;
    const cli = startCli(launch('--offline'), { env });
    await chatThenStop(cli);
    expect(cli.stderr).not.toContain('Downloading');
    expect(hub.requests).toEqual([]);
  }, 120_000);
});
