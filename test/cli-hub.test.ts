import { createHash, randomBytes } from 'node:crypto';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type LocalHub, startLocalHub } from './support/local-hub.js';
import { fixture, runCli } from './support/run-cli.js';

/**
 * `switchyard pull`, `models --pulled` and `rm` against a hub on loopback (HF_ENDPOINT), with the
 * cache in a temporary HF_HOME. The catalog's own entry for Qwen2.5-0.5B GGUF names the file; the
 * local hub serves bytes under that name.
 */
const QWEN = 'Qwen/Qwen2.5-0.5B-Instruct-GGUF';
const QWEN_FILE = 'qwen2.5-0.5b-instruct-q4_k_m.gguf';
const catalogPick = ['qwen2.5-instruct', '--format', 'ggufv2', '--size', '0.5', '--quantization', 'q4_k_m'];
const cpuHost = ['--host-file', fixture('hosts/linux-cpu-only.json')];
const weights = randomBytes(200_000);

let hub: LocalHub;
let home: string;
let env: NodeJS.ProcessEnv;

beforeAll(async () => {
  hub = await startLocalHub();
  hub.addRepo(QWEN, { [QWEN_FILE]: weights, 'qwen2.5-0.5b-instruct-q8_0.gguf': randomBytes(10), 'README.md': '#' });
  hub.addRepo('acme/gated-GGUF', { 'gated-Q4_K_M.gguf': randomBytes(100) }, { gatedToken: 'hf_right' });
  home = await mkdtemp(join(tmpdir(), 'switchyard-cli-hub-'));
  env = { ...process.env, HF_HOME: home, HF_ENDPOINT: hub.endpoint, HF_TOKEN: '', HF_HUB_OFFLINE: '' };
});
afterAll(async () => {
  await hub.close();
  await rm(home, { recursive: true, force: true });
});

const downloads = () => hub.requests.filter((request) => request.cdn || request.url.includes('/resolve/'));

describe('switchyard pull', () => {
  it('pulls the file the catalog names for the spec launch would pick, into the HF cache', async () => {
    const { code, stdout, stderr } = await runCli(['pull', ...catalogPick, ...cpuHost], { env });
    expect(stderr).toContain(`Downloading ${QWEN_FILE}…`);
    expect(stderr).toMatch(
      new RegExp(`${QWEN_FILE.replaceAll('.', '\\.')}: downloaded \\(195\\.3 KiB / 195\\.3 KiB\\)`),
    );
    expect(code).toBe(0);
    const path = /^Path: (.*)$/m.exec(stdout)?.[1] ?? '';
    expect(stdout).toContain(`Pulled ${QWEN} at `);
    expect(stdout).toContain('1 file, 195.3 KiB, 195.3 KiB downloaded');
    expect(path).toMatch(
      /models--Qwen--Qwen2\.5-0\.5B-Instruct-GGUF\/snapshots\/[0-9a-f]{40}\/qwen2\.5-0\.5b-instruct-q4_k_m\.gguf$/,
    );
    expect(
      createHash('sha256')
        .update(await readFile(path))
        .digest('hex'),
    ).toBe(hub.sha256(QWEN, QWEN_FILE));
  });

  it('pulls nothing the second time, and lists the pulled model with its size', async () => {
    hub.requests.length = 0;
    const again = await runCli(['pull', `${QWEN}:Q4_K_M`, '--json'], { env });
    expect(again.code).toBe(0);
    expect(JSON.parse(again.stdout)).toMatchObject({ repo: QWEN, kind: 'gguf', fetchedBytes: 0 });
    expect(downloads()).toEqual([]);

    const listed = await runCli(['models', '--pulled'], { env });
    expect(listed.code).toBe(0);
    expect(listed.stdout).toMatch(
      new RegExp(`^${QWEN.replace('.', '\\.')}\\s+195\\.3 KiB\\s+1\\s+[0-9a-f]{12} \\(main\\)$`, 'm'),
    );
    expect(listed.stdout).toContain(`1 model, 195.3 KiB, in ${join(home, 'hub')}.`);
  });

  it('reads a hub id as a model: select and plan judge the file the hub lists, and plan loads the pulled copy', async () => {
    const selected = await runCli(['select', `${QWEN}:Q4_K_M`, ...cpuHost, '--json'], { env });
    expect(selected.code).toBe(0);
    expect(JSON.parse(selected.stdout)).toMatchObject({
      chosen: 'llamacpp',
      spec: { format: 'ggufv2', quantization: 'Q4_K_M', sizeInBillions: 0.5, hubId: QWEN, hubFile: QWEN_FILE },
    });
    const planned = await runCli(['plan', `${QWEN}:Q4_K_M`, ...cpuHost], { env });
    expect(planned.code).toBe(0);
    expect(planned.stdout).toContain('Engine:    llamacpp (runtime node-llama-cpp)');
    expect(planned.stdout).toMatch(
      /--model \S*models--Qwen--Qwen2\.5-0\.5B-Instruct-GGUF\/snapshots\/[0-9a-f]{40}\/qwen2\.5-0\.5b-instruct-q4_k_m\.gguf/,
    );
  });

  it('judges a hub id by the bytes the hub lists, where size × bits would say it cannot fit', async () => {
    const tinyHost = join(home, 'tiny-host.json');
    const host = {
      os: 'linux',
      arch: 'x64',
      // Three quarters of it, about 0.56 GB, holds llama.cpp's buffers and an 8,192-token cache beside
      // the listed file, but not beside 0.5B parameters at Q4_K_M's bits.
      memoryBytes: 0.75e9,
      gpus: [],
      engines: { 'node-llama-cpp': { version: '3.14.2' } },
    };
    await writeFile(tinyHost, JSON.stringify(host));
    const byListing = await runCli(['select', `${QWEN}:Q4_K_M`, '--host-file', tinyHost, '--json'], { env });
    expect(byListing.code).toBe(0);
    expect(JSON.parse(byListing.stdout)).toMatchObject({
      chosen: 'llamacpp',
      fit: { fits: true, plan: { weightsBytes: weights.length } },
    });
    // The catalog's spec of the same file is judged by 0.5B parameters × bits: too much for this host.
    const byEstimate = await runCli(['select', ...catalogPick, '--host-file', tinyHost, '--json'], { env });
    expect(JSON.parse(byEstimate.stdout)).toMatchObject({ chosen: null });
  });

  it('says a gated model needs access and how to get it (exit 1), never printing the token', async () => {
    const denied = await runCli(['pull', 'acme/gated-GGUF'], { env: { ...env, HF_TOKEN: 'hf_wrong_secret' } });
    expect(denied.code).toBe(1);
    expect(denied.stderr).toContain('error: acme/gated-GGUF is gated or private');
    expect(denied.stderr).toContain(`Accept the model's terms at ${hub.endpoint}/acme/gated-GGUF`);
    expect(`${denied.stdout}${denied.stderr}`).not.toContain('hf_wrong_secret');
  });

  it('names the missing file and what exists (exit 2), and the missing repository', async () => {
    const file = await runCli(['pull', QWEN, '--file', 'qwen2.5-0.5b-instruct-q5_k_m.gguf'], { env });
    expect(file.code).toBe(2);
    expect(file.stderr).toContain(`error: The hub has no file qwen2.5-0.5b-instruct-q5_k_m.gguf (repository ${QWEN}).`);
    expect(file.stderr).toContain(`It has: ${QWEN_FILE}, qwen2.5-0.5b-instruct-q8_0.gguf.`);

    const repo = await runCli(['pull', 'acme/no-such-model'], { env });
    expect(repo.code).toBe(2);
    expect(repo.stderr).toContain(`error: The hub at ${hub.endpoint} has no model acme/no-such-model`);
  });

  it('offline, names the files the cache lacks (exit 1) without touching the network', async () => {
    hub.requests.length = 0;
    const missing = await runCli(['pull', `${QWEN}:Q8_0`, '--offline'], { env });
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain(
      'lacks a file of Qwen/Qwen2.5-0.5B-Instruct-GGUF: the GGUF file of quantization Q8_0.',
    );
    expect(hub.requests).toEqual([]);
  });

  it('rm deletes the repository from the cache', async () => {
    const removed = await runCli(['rm', QWEN], { env });
    expect(removed).toMatchObject({
      code: 0,
      stdout: `Removed ${QWEN} from ${join(home, 'hub')} (195.3 KiB freed).\n`,
    });
    const listed = await runCli(['models', '--pulled'], { env });
    expect(listed.stdout).toContain('holds no model');
    expect((await runCli(['rm', QWEN], { env })).code).toBe(2);
  });
});
