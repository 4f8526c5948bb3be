import { mkdtempSync } from 'node:fs';
import { rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { QWEN25_05B_CONFIG, qwen2Tensors, writeModelFolder } from './support/model-folder-writer.js';
import { fixture, runCli, runCliBinary } from './support/run-cli.js';

const dir = mkdtempSync(join(tmpdir(), 'switchyard-plan-'));
const version = { version: '1.0.0' };
const HOSTS = {
  cuda: {
    os: 'linux',
    arch: 'x64',
    gpus: [0, 1].map((index) => ({ index, vendor: 'nvidia', name: 'NVIDIA H100 80GB HBM3' })),
    engines: {
      vllm: version,
      sglang: { version: '0.5.2', path: '/opt/sglang/bin/python' },
      transformers: version,
      torch: version,
    },
  },
  gpuEnginesOnly: {
    os: 'linux',
    arch: 'x64',
    gpus: [{ index: 0, vendor: 'nvidia', name: 'L4' }],
    engines: { vllm: version, sglang: version },
  },
  mac: { os: 'darwin', arch: 'arm64', engines: { 'mlx-lm': version } },
};
const SPECS = {
  llama: { modelName: 'llama-3-instruct', format: 'pytorch', hubId: 'meta-llama/Meta-Llama-3-8B-Instruct' },
  mixtral: { modelName: 'mixtral-v0.1', format: 'pytorch', hubId: 'mistralai/Mixtral-8x7B-v0.1' },
  awqInt8: { modelName: 'phi-3', format: 'awq', quantization: 'Int8' },
  mlx: { modelName: 'qwen2.5-instruct', format: 'mlx', quantization: '4bit', hubId: 'mlx-community/Qwen2.5-7B-4bit' },
  // A real folder: a spec's modelPath is read before anything is planned.
  folder: { modelName: 'phi-3', format: 'pytorch', modelPath: join(dir, 'phi-3-mini') },
};

const host = (name: keyof typeof HOSTS) => ['--host-file', join(dir, `host-${name}.json`)];
const spec = (name: keyof typeof SPECS) => ['--spec-file', join(dir, `spec-${name}.json`)];

beforeAll(async () => {
  await writeModelFolder(SPECS.folder.modelPath, {
    config: QWEN25_05B_CONFIG,
    tensors: qwen2Tensors(QWEN25_05B_CONFIG),
  });
  await Promise.all([
    ...Object.entries(HOSTS).map(([name, value]) => writeFile(join(dir, `host-${name}.json`), JSON.stringify(value))),
    ...Object.entries(SPECS).map(([name, value]) => writeFile(join(dir, `spec-${name}.json`), JSON.stringify(value))),
  ]);
});
afterAll(() => rm(dir, { recursive: true, force: true }));

describe('switchyard plan', () => {
  it('prints the chosen engine’s plan as JSON, in the documented shape', async () => {
    const { code, stdout } = await runCli(['plan', ...spec('llama'), ...host('cuda'), '--json']);
    expect(code).toBe(0);
    const json = JSON.parse(stdout);
    expect(Object.keys(json)).toEqual(
      expect.arrayContaining(['backend', 'command', 'args', 'env', 'port', 'readiness']),
    );
    expect(json).toMatchObject({
      backend: 'vllm',
      command: 'vllm',
      args: [
        'serve',
        'meta-llama/Meta-Llama-3-8B-Instruct',
        '--host',
        '127.0.0.1',
        '--port',
        '8000',
        '--served-model-name',
        'llama-3-instruct',
        '--tensor-parallel-size',
        '2',
      ],
      env: {},
      port: 8000,
      readiness: { method: 'GET', path: '/health', expectStatus: 200 },
      stopSignal: 'SIGTERM',
    });
  });

  it('applies the launch flags and hands the arguments after -- to the engine verbatim', async () => {
    const { code, stdout } = await runCli([
      'plan',
      ...spec('mixtral'),
      ...host('cuda'),
      '--gpus',
      '0,1',
      '--port',
      '31000',
      '--bind',
      '0.0.0.0',
      '--context-length',
      '16384',
      '--json',
      '--',
      '--chat-template',
      "it's {{ messages }}",
      '--json',
    ]);
    expect(code).toBe(0);
    const json = JSON.parse(stdout);
    expect(json).toMatchObject({ backend: 'sglang', command: '/opt/sglang/bin/python', port: 31000 });
    expect(json.env).toEqual({ CUDA_VISIBLE_DEVICES: '0,1' });
    expect(json.args).toEqual([
      '-m',
      'sglang.launch_server',
      '--model-path',
      'mistralai/Mixtral-8x7B-v0.1',
      '--host',
      '0.0.0.0',
      '--port',
      '31000',
      '--served-model-name',
      'mixtral-v0.1',
      '--tp-size',
      '2',
      '--context-length',
      '16384',
      '--chat-template',
      "it's {{ messages }}",
      '--json',
    ]);
  });

  it('prints the command line shell-quoted, with the environment, for people', async () => {
    const { code, stdout } = await runCli([
      'plan',
      ...spec('mixtral'),
      ...host('cuda'),
      '--gpus',
      '1',
      '--',
      '--chat-template',
      "it's",
    ]);
    expect(code).toBe(0);
    expect(stdout).toContain(
      "  /opt/sglang/bin/python -m sglang.launch_server --model-path mistralai/Mixtral-8x7B-v0.1 --host 127.0.0.1 --port 30000 --served-model-name mixtral-v0.1 --chat-template 'it'\\''s'\n",
    );
    expect(stdout).toContain('  CUDA_VISIBLE_DEVICES=1\n');
    expect(stdout).toContain('Ready:     when GET /health answers 200');
    expect(stdout).toContain('Stop:      SIGTERM');
    expect(stdout).toContain("30000 is the engine's default port; launch takes a free one unless --port names one");
    const pinned = await runCli(['plan', ...spec('mixtral'), ...host('cuda'), '--port', '9000']);
    expect(pinned.stdout).toContain('Serves:    http://127.0.0.1:9000/v1');
    expect(pinned.stdout).not.toContain('default port');
  });

  it('keeps the API key out of argv and masks it in both outputs', async () => {
    for (const format of [[], ['--json']]) {
      const { code, stdout } = await runCli([
        'plan',
        ...spec('llama'),
        ...host('cuda'),
        '--api-key',
        'sk-do-not-print',
        ...format,
      ]);
      expect(code).toBe(0);
      expect(stdout).not.toContain('sk-do-not-print');
      expect(stdout).toContain('VLLM_API_KEY');
      expect(stdout).toContain('***');
    }
  });

  it('exits 2 naming the field when the chosen engine cannot honour a launch option', async () => {
    const { code, stdout, stderr } = await runCli(['plan', ...spec('mixtral'), ...host('cuda'), '--api-key', 'sk-1']);
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toContain(
      'the API key ($SWITCHYARD_API_KEY, --api-key-file or --api-key): SGLang takes an API key only on its command line',
    );
    expect(stderr).not.toContain('sk-1');
    expect(stderr).not.toMatch(/\n\s+at /);
  });

  it('words a plugin’s refusal in flags, where the library names options', async () => {
    const { code, stderr } = await runCli([
      'plan',
      ...spec('mlx'),
      ...host('mac'),
      '--served-name',
      'qwen',
      '--context-length',
      '8192',
    ]);
    expect(code).toBe(2);
    expect(stderr).toContain('--served-name: mlx_lm.server answers only requests naming the model');
    expect(stderr).toContain('drop --served-name and send the model path or hub id');
    expect(stderr).toContain('has no flag to change it; drop --context-length');
    expect(stderr).not.toMatch(/`(servedName|contextLength)`/);
  });

  it.each([
    [['--port', '70000'], "option '--port <n>' argument '70000' is invalid. expected a whole number from 1 to 65,535"],
    [['--port', 'eighty'], 'expected a whole number'],
    [['--gpus', '0,x'], 'expected GPU indices'],
  ])('exits 2 on a bad launch flag %j', async (flags, message) => {
    const { code, stderr } = await runCli(['plan', ...spec('llama'), ...host('cuda'), ...flags]);
    expect(code).toBe(2);
    expect(stderr).toContain(message);
  });

  it('exits 1 and gives every engine’s reasons when none can run the model', async () => {
    const { code, stdout, stderr } = await runCli(['plan', ...spec('awqInt8'), ...host('gpuEnginesOnly')]);
    expect(code).toBe(1);
    expect(stdout).toBe('');
    expect(stderr).toContain('No engine can run phi-3');
    expect(stderr).toContain('vLLM needs quantization Int4 for awq models; this model has Int8.');
    expect(stderr).toContain('Transformers is not installed');
  });

  it('plans a pinned engine, and exits 1 with its reasons when it cannot run the model', async () => {
    const pinned = await runCli(['plan', ...spec('llama'), ...host('cuda'), '--engine', 'transformers', '--json']);
    expect(pinned.code).toBe(0);
    expect(JSON.parse(pinned.stdout)).toMatchObject({ backend: 'transformers', command: 'transformers' });
    const refused = await runCli(['plan', ...spec('mixtral'), ...host('cuda'), '--engine', 'vllm']);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('vLLM does not support model family "mixtral-v0.1"');
  });

  it('shows the link transformers serve loads a folder by, in the engine’s private directory', async () => {
    const { code, stdout } = await runCli(['plan', ...spec('folder'), ...host('cuda'), '--served-name', 'acme/phi']);
    expect(code).toBe(0);
    expect(stdout).toContain('  transformers serve acme/phi --host 127.0.0.1 --port 8000\n');
    expect(stdout).toContain(
      `Runs in a private directory (removed when it stops) holding:\n  acme/phi -> ${SPECS.folder.modelPath}\n`,
    );
    const json = await runCli(['plan', ...spec('folder'), ...host('cuda'), '--json']);
    expect(JSON.parse(json.stdout)).toMatchObject({
      servedModelName: 'phi-3',
      workdirLinks: { 'phi-3': SPECS.folder.modelPath },
    });
  });

  it('shows MLX’s completion probe and SIGINT stop', async () => {
    const { code, stdout } = await runCli(['plan', ...spec('mlx'), ...host('mac'), '--python', '/usr/bin/python3']);
    expect(code).toBe(0);
    expect(stdout).toContain(
      '  /usr/bin/python3 -m mlx_lm.server --model mlx-community/Qwen2.5-7B-4bit --host 127.0.0.1 --port 8080\n',
    );
    expect(stdout).toContain('Ready:     when POST /v1/completions answers 200');
    expect(stdout).toContain('Stop:      SIGINT');
  });

  it('works from the built binary', async () => {
    const { code, stdout } = await runCliBinary([
      'plan',
      ...spec('llama'),
      ...host('cuda'),
      '--api-key',
      'sk-binary',
      '--json',
      '--',
      '--enforce-eager',
    ]);
    expect(code).toBe(0);
    const json = JSON.parse(stdout);
    expect(json.backend).toBe('vllm');
    expect(json.args.at(-1)).toBe('--enforce-eager');
    expect(json.env).toEqual({ VLLM_API_KEY: '***' });
  });
});

describe('switchyard plan --gpus with a catalog model', () => {
  const eightGpus = fixture('hosts/linux-8x80gb-nvidia.json');
  const planned = async (...flags: string[]) => {
    const { code, stdout } = await runCli([
      'plan',
      'qwen2.5-instruct',
      '--format',
      'pytorch',
      '--host-file',
      eightGpus,
      '--json',
      ...flags,
    ]);
    expect(code).toBe(0);
    return JSON.parse(stdout) as { args: string[]; env: Record<string, string> };
  };

  it('sizes the model for the GPUs it is given, not the whole host', async () => {
    expect((await planned()).args).toContain('Qwen/Qwen2.5-72B-Instruct');
    const oneGpu = await planned('--gpus', '3');
    expect(oneGpu.args).not.toContain('Qwen/Qwen2.5-72B-Instruct');
    expect(oneGpu.env.CUDA_VISIBLE_DEVICES).toBe('3');
  });

  it('refuses a GPU the host does not have, naming the ones it has', async () => {
    const { code, stderr } = await runCli(['plan', 'qwen2.5-instruct', '--host-file', eightGpus, '--gpus', '0,9']);
    expect(code).toBe(2);
    expect(stderr).toContain('this host has no GPU 9; its GPUs are 0, 1, 2, 3, 4, 5, 6, 7');
  });
});
