import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createSwitchyard, parseHostInfo } from '@switchyard/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BUILTIN_PLUGINS } from '../../packages/cli/src/builtin-plugins.js';
import { encodeGguf, encodeGgufShards, gguf, shardName } from '../support/gguf-writer.js';
import { runCli } from '../support/run-cli.js';
import { TINY_LLAMA, tinyLlamaDocument, writeTinyLlama } from '../support/tiny-llama.js';

let dir: string;
let model: string;
let hostFile: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'switchyard-cli-gguf-'));
  model = await writeTinyLlama(join(dir, 'tiny.gguf'));
  hostFile = join(dir, 'host.json');
  await writeFile(
    hostFile,
    JSON.stringify({ os: 'linux', arch: 'x64', engines: { 'node-llama-cpp': { version: '3.22.1' } } }),
  );
});

afterAll(() => rm(dir, { recursive: true, force: true }));

const selectJson = async (...args: string[]) => {
  const result = await runCli(['select', ...args, '--host-file', hostFile, '--json']);
  return { ...result, json: result.stdout ? JSON.parse(result.stdout) : undefined };
};

describe('MODEL as a GGUF file', () => {
  it('reads the spec from the header: format, quantization, size, context, path', async () => {
    const { json } = await selectJson(model);
    expect(json.spec).toEqual({
      modelName: TINY_LLAMA.name,
      modelFamily: TINY_LLAMA.name,
      format: 'ggufv2',
      quantization: 'F32',
      sizeInBillions: expect.any(Number),
      abilities: ['generate'],
      contextLength: TINY_LLAMA.contextLength,
      modelPath: model,
    });
  });

  it('resolves a relative path against the working directory, and flags still override the header', async () => {
    const result = await runCli(
      ['select', 'tiny.gguf', '--quantization', 'q4_k_m', '--size', '7', '--host-file', hostFile, '--json'],
      {
        cwd: dir,
      },
    );
    expect(JSON.parse(result.stdout).spec).toMatchObject({
      quantization: 'Q4_K_M',
      sizeInBillions: 7,
      modelPath: model,
    });
  });

  it('says in the human output where the spec came from', async () => {
    const { stdout } = await runCli(['select', model, '--host-file', hostFile]);
    expect(stdout).toContain(`read from the GGUF header of ${model}: llama,`);
    // A model this small is counted in thousands of parameters, not as 0.000121B.
    const count = stdout.match(/llama, (\d+)K parameters/)?.[1];
    expect(stdout).toContain(`Model: ${TINY_LLAMA.name} · ggufv2 · F32 · ${count}K\n`);
  });

  it.each([
    ['a missing .gguf file', 'missing.gguf', 'No such GGUF file'],
    ['a file that is not GGUF', 'host.json', 'is not a GGUF file'],
  ])('%s is bad input (exit 2) naming MODEL and the problem', async (_what, name, message) => {
    const { code, stdout, stderr } = await runCli(['select', join(dir, name), '--host-file', hostFile]);
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toContain(`MODEL: `);
    expect(stderr).toContain(message);
    expect(stderr).not.toMatch(/\n\s+at /);
  });

  it('a path to no file (it has a slash) says there is no such file, not that it is not in the catalog', async () => {
    const { code, stderr } = await runCli(['select', join(dir, 'x', 'nope.bin'), '--host-file', hostFile]);
    expect(code).toBe(2);
    expect(stderr).toContain(`No such GGUF file: ${join(dir, 'x', 'nope.bin')}`);
    expect(stderr).not.toContain('not in the catalog');
  });

  it('a name with a slash described by --format is still a model name', async () => {
    const { json } = await selectJson('some-org/some-model', '--format', 'pytorch');
    expect(json.spec.modelName).toBe('some-org/some-model');
  });

  it('prints no control characters from the file: the name and --alias are stripped of them', async () => {
    const document = tinyLlamaDocument();
    const metadata = document.metadata.map(([key, value]) =>
      key === 'general.name' ? ([key, gguf.str('evil\x1b\x9b\nname\x07')] as const) : ([key, value] as const),
    );
    const path = join(dir, 'evil.gguf');
    await writeFile(path, encodeGguf({ ...document, metadata }));
    const { code, stdout } = await runCli(['plan', path, '--host-file', hostFile]);
    expect(code).toBe(0);
    expect(stdout).not.toContain('\x1b');
    expect(stdout).not.toContain('evil\n');
    expect(stdout).toContain('--alias evilname');
  });

  it('a split model is read from its first shard, and refused while shards are missing', async () => {
    const [firstBytes, secondBytes] = encodeGgufShards(tinyLlamaDocument(), 2) as [Buffer, Buffer];
    const first = join(dir, shardName('split', 0, 2));
    await writeFile(first, firstBytes);
    const missing = await runCli(['select', first, '--host-file', hostFile]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('split-00002-of-00002.gguf is missing beside it');
    await writeFile(join(dir, shardName('split', 1, 2)), secondBytes);
    const whole = await runCli(['select', first, '--host-file', hostFile]);
    expect(whole.code).toBe(0);
    expect(whole.stdout).toMatch(/GGUF v3, 2 shards\n/);
  });

  it('a GGUF too large for the host is refused, by the library exactly as by the CLI', async () => {
    const large = join(dir, 'large.gguf');
    const metadata = [
      ['general.architecture', gguf.str('llama')],
      ['general.name', gguf.str('large-llama')],
      ['general.size_label', gguf.str('70B')],
      ['general.file_type', gguf.u32(0)],
    ] as const;
    await writeFile(large, encodeGguf({ metadata, tensors: [] }));
    const smallHost = {
      os: 'linux',
      arch: 'x64',
      memoryBytes: 16 * 2 ** 30,
      engines: { 'node-llama-cpp': { version: '3.22.1' } },
    };
    const smallHostFile = join(dir, 'small-host.json');
    await writeFile(smallHostFile, JSON.stringify(smallHost));
    const cli = await runCli(['select', large, '--host-file', smallHostFile, '--json']);
    expect(cli.code).toBe(1);
    const fromCli = JSON.parse(cli.stdout);
    expect(fromCli.chosen).toBeNull();
    expect(fromCli.fit.fits).toBe(false);
    const llamacpp = fromCli.candidates.find((c: { backend: string }) => c.backend === 'llamacpp');
    expect(llamacpp.reasons[0]).toMatch(/^large-llama \(ggufv2 · F32 · 70B\) does not fit in this host's memory/);
    const library = createSwitchyard({ plugins: BUILTIN_PLUGINS, host: parseHostInfo(smallHost) });
    expect(JSON.parse(JSON.stringify(await library.select(large)))).toEqual(fromCli);
  });

  it('refuses a GGUF file together with --spec-file', async () => {
    const { code, stderr } = await runCli(['select', model, '--spec-file', hostFile, '--host-file', hostFile]);
    expect(code).toBe(2);
    expect(stderr).toContain('pass either the file or --spec-file');
  });
});
