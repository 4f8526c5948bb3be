import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../support/run-cli.js';
import { TINY_LLAMA, writeTinyLlama } from '../support/tiny-llama.js';

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

  it('refuses a GGUF file together with --spec-file', async () => {
    const { code, stderr } = await runCli(['select', model, '--spec-file', hostFile, '--host-file', hostFile]);
    expect(code).toBe(2);
    expect(stderr).toContain('pass either the file or --spec-file');
  });
});
