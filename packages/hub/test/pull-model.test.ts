import { createHash, randomBytes } from 'node:crypto';
import { lstat, mkdtemp, readFile, readlink, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type LocalHub, startLocalHub } from '../../../test/support/local-hub.js';
import {
  findCachedModel,
  HubAccessDeniedError,
  HubNotFoundError,
  HubOfflineMissingError,
  HubUnreachableError,
  hubSettings,
  listCachedModels,
  type PullProgress,
  pullModel,
  readHubGgufModel,
  removeCachedModel,
} from '../src/index.js';

const GGUF_REPO = 'acme/Tiny-GGUF';
const FOLDER_REPO = 'acme/tiny-chat';
const GATED_REPO = 'acme/gated-GGUF';
const weights = randomBytes(300_000);
const otherWeights = randomBytes(1_000);

let hub: LocalHub;
let home: string;
let ggufCommit: string;

beforeAll(async () => {
  hub = await startLocalHub();
  ggufCommit = hub.addRepo(GGUF_REPO, {
    'README.md': '# tiny',
    'tiny-Q4_K_M.gguf': weights,
    'tiny-Q8_0.gguf': otherWeights,
    'big-Q6_K-00001-of-00003.gguf': randomBytes(100),
    'big-Q6_K-00002-of-00003.gguf': randomBytes(200),
    'big-Q6_K-00003-of-00003.gguf': randomBytes(300),
  });
  hub.addRepo(FOLDER_REPO, {
    'config.json': '{"architectures":["LlamaForCausalLM"]}',
    'tokenizer.json': '{}',
    'tokenizer_config.json': '{}',
    'model.safetensors': randomBytes(2_000),
    'pytorch_model.bin': randomBytes(2_000),
    'README.md': '# card',
    'onnx/model.onnx': randomBytes(10),
  });
  hub.addRepo(GATED_REPO, { 'gated-Q4_K_M.gguf': randomBytes(500) }, { gatedToken: 'hf_letmein' });
});
afterAll(() => hub.close());

beforeEach(async () => {
  home = await mkdtemp(join(tmpdir(), 'switchyard-hf-home-'));
  hub.requests.length = 0;
});
afterEach(() => rm(home, { recursive: true, force: true }));

const settings = (env: Record<string, string> = {}) =>
  hubSettings({ HF_HOME: home, HF_ENDPOINT: hub.endpoint, ...env });
const cacheDir = () => join(home, 'hub');
const downloads = () => hub.requests.filter((request) => request.url.includes('/resolve/') || request.cdn);
const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

describe('pullModel', () => {
  it('downloads one GGUF file into the Hugging Face cache layout, and a second pull downloads nothing', async () => {
    const pulled = await pullModel({ repo: GGUF_REPO, quantization: 'Q4_K_M' }, { settings: settings() });

    const repoFolder = join(cacheDir(), 'models--acme--Tiny-GGUF');
    const link = join(repoFolder, 'snapshots', ggufCommit, 'tiny-Q4_K_M.gguf');
    expect(pulled).toMatchObject({ repo: GGUF_REPO, commit: ggufCommit, kind: 'gguf', path: link });
    expect(pulled.files.map((file) => [file.path, file.outcome])).toEqual([['tiny-Q4_K_M.gguf', 'downloaded']]);
    expect((await readFile(join(repoFolder, 'refs', 'main'), 'utf8')).trim()).toBe(ggufCommit);
    expect((await lstat(link)).isSymbolicLink()).toBe(true);
    expect(await readlink(link)).toBe(join('..', '..', 'blobs', sha256(weights)));
    expect(sha256(await readFile(link))).toBe(hub.sha256(GGUF_REPO, 'tiny-Q4_K_M.gguf'));
    // Only the file asked for: not the README, not the other quantizations.
    expect(downloads().some((request) => /README|Q8_0|big-/.test(request.url))).toBe(false);

    hub.requests.length = 0;
    const again = await pullModel({ repo: GGUF_REPO, quantization: 'Q4_K_M' }, { settings: settings() });
    expect(again.files.map((file) => file.outcome)).toEqual(['present']);
    expect(again.fetchedBytes).toBe(0);
    expect(downloads()).toEqual([]);
  });

  it('resumes an interrupted download with a range request, and reports progress up to the total', async () => {
    hub.breakNextDownload('tiny-Q4_K_M.gguf', 120_000);
    const first = pullModel({ repo: GGUF_REPO, file: 'tiny-Q4_K_M.gguf' }, { settings: settings() });
    await expect(first).rejects.toThrow(HubUnreachableError);
    const partial = join(cacheDir(), 'models--acme--Tiny-GGUF', 'blobs', `${sha256(weights)}.incomplete`);
    const kept = (await stat(partial)).size;
    expect(kept).toBeGreaterThan(0);
    expect(kept).toBeLessThan(weights.length);

    hub.requests.length = 0;
    const progress: PullProgress[] = [];
    const pulled = await pullModel(
      { repo: GGUF_REPO, file: 'tiny-Q4_K_M.gguf' },
      { settings: settings(), onProgress: (event) => progress.push(event) },
    );
    expect(pulled.files[0]?.outcome).toBe('resumed');
    expect(pulled.fetchedBytes).toBe(weights.length - kept);
    expect(hub.requests.filter((request) => request.cdn).map((request) => request.range)).toContain(
      `bytes=${kept}-${weights.length - 1}`,
    );
    expect(sha256(await readFile(pulled.path))).toBe(sha256(weights));
    expect(progress.at(-1)).toMatchObject({ stage: 'done', bytesDone: weights.length, bytesTotal: weights.length });
  });

  it('detects a damaged cached file by its SHA-256 and fetches it again', async () => {
    const pulled = await pullModel({ repo: GGUF_REPO, quantization: 'Q4_K_M' }, { settings: settings() });
    const blob = join(cacheDir(), 'models--acme--Tiny-GGUF', 'blobs', sha256(weights));
    const damaged = Buffer.from(weights);
    damaged[1234] = (damaged[1234] ?? 0) ^ 0xff; // same size, one byte flipped
    await writeFile(blob, damaged);

    const again = await pullModel({ repo: GGUF_REPO, quantization: 'Q4_K_M' }, { settings: settings() });
    expect(again.files[0]?.outcome).toBe('replaced');
    expect(sha256(await readFile(pulled.path))).toBe(sha256(weights));
  });

  it('pulls every shard of a split GGUF model', async () => {
    const pulled = await pullModel({ repo: GGUF_REPO, file: 'big-Q6_K-00001-of-00003.gguf' }, { settings: settings() });
    expect(pulled.files.map((file) => file.path)).toEqual([
      'big-Q6_K-00001-of-00003.gguf',
      'big-Q6_K-00002-of-00003.gguf',
      'big-Q6_K-00003-of-00003.gguf',
    ]);
    expect(pulled.path.endsWith('big-Q6_K-00001-of-00003.gguf')).toBe(true);
  });

  it('pulls a model folder: config, tokenizer and one weight format, nothing else', async () => {
    const pulled = await pullModel({ repo: FOLDER_REPO }, { settings: settings() });
    expect(pulled.kind).toBe('folder');
    expect(pulled.files.map((file) => file.path).sort()).toEqual([
      'config.json',
      'model.safetensors',
      'tokenizer.json',
      'tokenizer_config.json',
    ]);
    // Small files are checked against their git blob id.
    expect(JSON.parse(await readFile(join(pulled.path, 'config.json'), 'utf8'))).toEqual({
      architectures: ['LlamaForCausalLM'],
    });
  });

  it('says a gated model needs access, sends the token only to the hub, and pulls with it', async () => {
    const denied = await pullModel({ repo: GATED_REPO }, { settings: settings() }).catch((error) => error);
    expect(denied).toBeInstanceOf(HubAccessDeniedError);
    expect(denied.message).toContain(`${GATED_REPO} is gated or private`);
    expect(denied.hint).toContain('HF_TOKEN');

    // The token file `hf auth login` writes.
    await writeFile(join(home, 'token'), 'hf_letmein\n');
    const pulled = await pullModel({ repo: GATED_REPO }, { settings: settings() });
    expect(pulled.files).toHaveLength(1);
    expect(hub.requests.some((request) => request.authorization === 'Bearer hf_letmein' && !request.cdn)).toBe(true);
    expect(hub.requests.filter((request) => request.cdn && request.authorization !== undefined)).toEqual([]);
  });

  it('names the missing file, and the missing repository', async () => {
    const file = await pullModel({ repo: GGUF_REPO, quantization: 'Q5_K_M' }, { settings: settings() }).catch(
      (error) => error,
    );
    expect(file).toBeInstanceOf(HubNotFoundError);
    expect(file.message).toBe(`The hub has no GGUF file of quantization Q5_K_M (repository ${GGUF_REPO}).`);
    expect(file.hint).toContain('tiny-Q4_K_M.gguf');

    const repo = await pullModel({ repo: 'acme/nothing-here' }, { settings: settings() }).catch((error) => error);
    expect(repo).toBeInstanceOf(HubNotFoundError);
    expect(repo.message).toContain('has no model acme/nothing-here');
  });

  it('offline, finds the pulled model in the cache, and names what is missing', async () => {
    await pullModel({ repo: GGUF_REPO, quantization: 'Q4_K_M' }, { settings: settings() });
    hub.requests.length = 0;
    const offline = settings({ HF_HUB_OFFLINE: '1' });

    const found = await pullModel({ repo: GGUF_REPO, quantization: 'Q4_K_M' }, { settings: offline });
    expect(found).toMatchObject({ commit: ggufCommit, kind: 'gguf' });
    expect(sha256(await readFile(found.path))).toBe(sha256(weights));
    await expect(findCachedModel({ repo: GGUF_REPO, file: 'tiny-Q8_0.gguf' }, offline)).rejects.toThrow(
      /Offline, and the cache at .* lacks a file of acme\/Tiny-GGUF: tiny-Q8_0\.gguf/,
    );
    await expect(findCachedModel({ repo: FOLDER_REPO }, offline)).rejects.toThrow(HubOfflineMissingError);
    expect(hub.requests).toEqual([]);
  });

  it('lists pulled models with their sizes and removes one', async () => {
    await pullModel({ repo: GGUF_REPO, quantization: 'Q4_K_M' }, { settings: settings() });
    await pullModel({ repo: FOLDER_REPO }, { settings: settings() });
    const listed = await listCachedModels(settings());
    expect(listed.map((model) => [model.repo, model.bytes])).toEqual([
      [GGUF_REPO, weights.length],
      // The two tokenizer files hold the same bytes, so the cache keeps one blob for both.
      [FOLDER_REPO, 2_000 + 38 + 2],
    ]);

    expect(await removeCachedModel(settings(), GGUF_REPO)).toBe(weights.length);
    expect((await listCachedModels(settings())).map((model) => model.repo)).toEqual([FOLDER_REPO]);
    await expect(removeCachedModel(settings(), GGUF_REPO)).rejects.toThrow(
      /not in the cache .* it holds acme\/tiny-chat/,
    );
  });

  it('reads a GGUF model from the listing alone: the file, its quantization and its real bytes', async () => {
    const model = await readHubGgufModel({ repo: GGUF_REPO, quantization: 'q4_k_m' }, settings());
    expect(model).toEqual({
      spec: {
        modelName: GGUF_REPO,
        format: 'ggufv2',
        quantization: 'Q4_K_M',
        hubId: GGUF_REPO,
        hubFile: 'tiny-Q4_K_M.gguf',
      },
      bytes: weights.length,
      source: `tiny-Q4_K_M.gguf from the hub repository ${GGUF_REPO}`,
    });
    const split = await readHubGgufModel({ repo: GGUF_REPO, quantization: 'Q6_K' }, settings());
    expect(split).toMatchObject({
      bytes: 600,
      spec: { hubFile: 'big-Q6_K-00001-of-00003.gguf', quantization: 'Q6_K' },
    });
    expect(downloads()).toEqual([]);
  });
});
