import { chmod, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import vllm from '@switchyard/backend-vllm';
import { createSwitchyard, parseHostInfo, readModelFolder } from '@switchyard/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { QWEN25_05B_CONFIG, writeModelFolder, writeQwenAwqFolder } from './support/model-folder-writer.js';
import { fixture, REPO_ROOT, runCli } from './support/run-cli.js';

const nvidiaHost = fixture('hosts/linux-1x24gb-nvidia.json');
const appleHost = fixture('hosts/macos-apple-silicon.json');

let root = '';
let awq = '';
let foreign = '';
beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'switchyard-cli-folders-'));
  awq = await writeQwenAwqFolder(join(root, 'Qwen2.5-0.5B-Instruct-AWQ'));
  foreign = await writeQwenAwqFolder(join(root, 'foo-awq'), { architectures: ['FooForCausalLM'] });
});
afterAll(() => rm(root, { recursive: true, force: true }));

describe('a model folder as MODEL', () => {
  it('goes to vLLM on an NVIDIA host with vLLM, as awq Int4 with the parameter count from its headers', async () => {
    const { code, stdout } = await runCli(['select', awq, '--host-file', nvidiaHost, '--json']);
    expect(code).toBe(0);
    const { spec, chosen } = JSON.parse(stdout);
    expect(chosen).toBe('vllm');
    expect(spec).toMatchObject({
      modelName: 'Qwen2.5-0.5B-Instruct-AWQ',
      format: 'awq',
      quantization: 'Int4',
      sizeInBillions: 0.494,
      architectures: ['Qwen2ForCausalLM'],
      modelPath: awq,
    });
  });

  it('plans vLLM on the folder, served under the folder’s name', async () => {
    const { code, stdout } = await runCli(['plan', awq, '--host-file', nvidiaHost, '--port', '8000']);
    expect(code).toBe(0);
    expect(stdout).toContain(`read from the model folder ${awq}: Qwen2ForCausalLM, 494M parameters`);
    expect(stdout).toMatch(
      new RegExp(
        `vllm serve ${awq} --host 127\\.0\\.0\\.1 --port 8000 --served-model-name Qwen2\\.5-0\\.5B-Instruct-AWQ`,
      ),
    );
  });

  it('goes to transformers when vLLM lacks the architecture, and the table says why', async () => {
    const { code, stdout } = await runCli(['select', foreign, '--host-file', nvidiaHost]);
    expect(code).toBe(0);
    expect(stdout).toContain('Chosen engine: transformers');
    expect(stdout.replace(/\s+/g, ' ')).toContain(
      "vLLM does not support FooForCausalLM: vLLM's model registry does not list it (as of vLLM 0.11.0).",
    );
  });

  it('shows every engine’s verdict on the folder with `engines`', async () => {
    const { code, stdout } = await runCli(['engines', foreign, '--host-file', nvidiaHost, '--json']);
    expect(code).toBe(0);
    const { model, pick, options } = JSON.parse(stdout);
    expect(model).toEqual({ modelName: 'foo-awq' });
    expect(pick.engine).toBe('transformers');
    const vllmOption = options.find((o: { engine: string }) => o.engine === 'vllm');
    expect(vllmOption).toMatchObject({ format: 'awq', quantization: 'Int4', sizeInBillions: 0.494, canRun: false });
    expect(vllmOption.reasons).toEqual([
      "vLLM does not support FooForCausalLM: vLLM's model registry does not list it (as of vLLM 0.11.0).",
    ]);
  });

  it('goes to MLX on Apple silicon when it is an mlx-community folder', async () => {
    const path = await writeModelFolder(join(root, 'Qwen2.5-0.5B-Instruct-4bit'), {
      config: { ...QWEN25_05B_CONFIG, quantization: { group_size: 64, bits: 4 } },
      tensors: [{ name: 'model.norm.weight', dtype: 'BF16', shape: [896] }],
      metadata: { format: 'mlx' },
    });
    const { code, stdout } = await runCli(['select', path, '--host-file', appleHost, '--json']);
    expect(code).toBe(0);
    expect(JSON.parse(stdout)).toMatchObject({ chosen: 'mlx', spec: { format: 'mlx', quantization: '4bit' } });
  });

  it('refuses a folder that is not a model with exit 2, naming the file', async () => {
    const empty = await mkdtemp(join(root, 'empty-'));
    const { code, stderr } = await runCli(['select', empty, '--host-file', nvidiaHost]);
    expect(code).toBe(2);
    expect(stderr).toContain(join(empty, 'config.json'));
    expect(stderr).not.toMatch(/\n\s+at /);
  });

  it('judges a custom model of no listed family by the architecture it declares', async () => {
    const models = join(root, 'models.json');
    await writeFile(
      models,
      JSON.stringify({
        modelName: 'my-llama-finetune',
        architectures: ['LlamaForCausalLM'],
        specs: [{ format: 'pytorch', sizeInBillions: 8, quantizations: ['none'], hubId: 'me/my-llama-finetune' }],
      }),
    );
    const { code, stdout } = await runCli([
      'select',
      'my-llama-finetune',
      '--model-file',
      models,
      '--host-file',
      nvidiaHost,
      '--json',
    ]);
    expect(code).toBe(0);
    expect(JSON.parse(stdout)).toMatchObject({ chosen: 'vllm', spec: { architectures: ['LlamaForCausalLM'] } });
  });

  it('registers a custom model by its folder and launches it by name', async () => {
    const models = join(root, 'folder-models.json');
    await writeFile(models, JSON.stringify([{ modelName: 'my-awq', modelPath: './Qwen2.5-0.5B-Instruct-AWQ' }]));
    const { code, stdout } = await runCli([
      'plan',
      'my-awq',
      '--model-file',
      models,
      '--host-file',
      nvidiaHost,
      '--port',
      '8000',
    ]);
    expect(code).toBe(0);
    expect(stdout).toContain(`vllm serve ${awq} --host 127.0.0.1 --port 8000 --served-model-name my-awq`);
  });
});

describe('the memory a model folder needs', () => {
  const gpuHost = (memoryMiB: number) =>
    parseHostInfo({
      os: 'linux',
      arch: 'x64',
      gpus: [{ index: 0, vendor: 'nvidia', name: 'NVIDIA L4', memoryMiB }],
      engines: { vllm: { version: '0.11.0' } },
    });

  it('is the weights’ exact bytes from the safetensors headers, not size × bits', async () => {
    const { weights } = await readModelFolder(awq);
    const selection = await createSwitchyard({ plugins: [vllm], host: gpuHost(23034) }).select(awq);
    expect(selection.chosen).toBe('vllm');
    expect(selection.fit.plan?.weightsBytes).toBe(weights.bytes);
    expect(selection.fit.plan?.sources.weights).toContain('safetensors headers');
  });

  it('refuses the folder on a GPU its weights do not fit', async () => {
    const selection = await createSwitchyard({ plugins: [vllm], host: gpuHost(256) }).select(awq);
    expect(selection.chosen).toBeNull();
    expect(selection.fit.fits).toBe(false);
  });
});

describe('vLLM serving a model folder', () => {
  it('starts the planned `vllm serve FOLDER` and is ready (a stand-in vllm that serves health)', async () => {
    // The stand-in is the supervisor tests' fake engine behind a `vllm` console script, as pip installs one.
    const script = join(root, 'vllm');
    await writeFile(
      script,
      `#!/bin/sh\nexec "${process.execPath}" "${join(REPO_ROOT, 'test/fixtures/fake-engines/fake-engine.mjs')}" "$@"\n`,
    );
    await chmod(script, 0o755);
    const host = parseHostInfo({
      os: 'linux',
      arch: 'x64',
      gpus: [{ index: 0, vendor: 'nvidia', name: 'NVIDIA L4', memoryMiB: 23034 }],
      engines: { vllm: { version: '0.11.0', scripts: { vllm: script } } },
    });
    const switchyard = createSwitchyard({ plugins: [vllm], host });
    const folder = await readModelFolder(awq);
    const handle = await switchyard.launch(folder.spec);
    try {
      expect((await fetch(`${handle.url}/health`)).status).toBe(200);
      expect(handle.plan.args.slice(0, 2)).toEqual(['serve', awq]);
      expect(handle.plan.servedModelName).toBe('Qwen2.5-0.5B-Instruct-AWQ');
    } finally {
      await handle.stop();
    }
  });
});
