import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { BUILTIN_PLUGINS } from '../packages/cli/src/builtin-plugins.js';
import { fixture, runCli } from './support/run-cli.js';
import { writeTinyLlama } from './support/tiny-llama.js';

const hosts = {
  rtx4090: fixture('hosts/linux-1x24gb-nvidia.json'),
  eightH100: fixture('hosts/linux-8x80gb-nvidia.json'),
  mac: fixture('hosts/macos-apple-silicon.json'),
  cpuOnly: fixture('hosts/linux-cpu-only.json'),
};

/** Engines the CLI ships; checks about an engine run once its package is registered. */
const shipped = new Set(BUILTIN_PLUGINS.flatMap((plugin) => plugin.backends.map((backend) => backend.name)));

interface Option {
  engine: string;
  format: string;
  sizeInBillions: number;
  quantization: string;
  canRun: boolean;
  eligible: boolean;
  reasons: string[];
  memory: { fits: boolean | null; reason?: string };
}

const customModel = {
  modelName: 'my-finetune',
  modelFamily: 'qwen2.5-instruct',
  specs: [{ format: 'pytorch', sizeInBillions: 7, quantizations: ['none'], hubId: 'me/my-finetune-7b' }],
};
const modelFile = join(tmpdir(), `switchyard-models-${process.pid}.json`);
const badModelFile = join(tmpdir(), `switchyard-bad-models-${process.pid}.json`);

beforeAll(async () => {
  await writeFile(modelFile, JSON.stringify(customModel));
  await writeFile(
    badModelFile,
    JSON.stringify({ ...customModel, specs: [{ ...customModel.specs[0], format: 'safetensors' }] }),
  );
});

async function engines(model: string, host: string, ...extra: string[]) {
  const { code, stdout, stderr } = await runCli(['engines', model, '--host-file', host, '--json', ...extra]);
  const json = stdout ? JSON.parse(stdout) : undefined;
  const find = (engine: string, format: string, size: number, quantization: string): Option | undefined =>
    json?.options.find(
      (o: Option) =>
        o.engine === engine && o.format === format && o.sizeInBillions === size && o.quantization === quantization,
    );
  return { code, stderr, json, options: (json?.options ?? []) as Option[], find };
}

describe('switchyard models', () => {
  it('lists the builtin catalog as JSON, with specs', async () => {
    const { code, stdout } = await runCli(['models', '--json']);
    expect(code).toBe(0);
    const models = JSON.parse(stdout);
    expect(models.length).toBeGreaterThanOrEqual(80);
    const qwen = models.find((m: { modelName: string }) => m.modelName === 'qwen2.5-instruct');
    expect(qwen).toMatchObject({ builtin: true, abilities: ['chat', 'tools'], contextLength: 32768 });
    expect(qwen.specs).toContainEqual({
      format: 'pytorch',
      sizeInBillions: 7,
      quantizations: ['none'],
      hubId: 'Qwen/Qwen2.5-7B-Instruct',
    });
  });

  it.each([
    ['--format', 'MLX', (m: { specs: { format: string }[] }) => m.specs.some((s) => s.format === 'mlx')],
    ['--ability', 'vision', (m: { abilities: string[] }) => m.abilities.includes('vision')],
    ['--name', 'QWEN3', (m: { modelName: string }) => m.modelName.toLowerCase().includes('qwen3')],
  ])('filters with %s %s', async (flag, value, holds) => {
    const all = JSON.parse((await runCli(['models', '--json'])).stdout);
    const { code, stdout } = await runCli(['models', flag, value, '--json']);
    expect(code).toBe(0);
    const kept = JSON.parse(stdout);
    expect(kept.length).toBeGreaterThan(0);
    expect(kept).toEqual(all.filter(holds));
  });

  it('prints a table for people', async () => {
    const { code, stdout } = await runCli(['models', '--name', 'gemma']);
    expect(code).toBe(0);
    expect(stdout).toMatch(/^model\s+abilities\s+context\s+formats\s+sizes\n/);
    expect(stdout).toContain('gemma-3-it');
    expect(stdout).toMatch(/\d+ models\. `switchyard engines MODEL`/);
  });

  it('adds the custom models of --model-file', async () => {
    const { code, stdout } = await runCli(['models', '--name', 'finetune', '--model-file', modelFile, '--json']);
    expect(code).toBe(0);
    expect(JSON.parse(stdout)).toEqual([
      { ...customModel, abilities: ['chat', 'tools'], contextLength: 32768, builtin: false },
    ]);
  });

  it.each([
    [['--format', 'safetensors'], '--format: "safetensors" is not a model format; use one of pytorch'],
    [['--ability', 'telepathy'], '--ability: "telepathy" is not an ability; use one of chat'],
    [['--model-file', badModelFile], 'specs.0.format: "safetensors" is not a model format'],
    [['--model-file', 'missing.json'], '--model-file missing.json'],
  ])('exits 2 for bad input: %j', async (flags, message) => {
    const { code, stdout, stderr } = await runCli(['models', ...flags]);
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toContain(message);
  });
});

describe('switchyard engines', () => {
  it('answers on Linux with one 24 GB NVIDIA GPU: vLLM runs what fits', async () => {
    const { code, json, options, find } = await engines('qwen2.5-instruct', hosts.rtx4090);
    expect(code).toBe(0);
    const family = JSON.parse((await runCli(['models', '--json'])).stdout).find(
      (m: { modelName: string }) => m.modelName === 'qwen2.5-instruct',
    );
    const entries = family.specs.reduce(
      (sum: number, s: { quantizations: string[] }) => sum + s.quantizations.length,
      0,
    );
    expect(options).toHaveLength(shipped.size * entries);
    expect(find('vllm', 'pytorch', 7, 'none')).toMatchObject({ canRun: true, reasons: [] });
    expect(find('vllm', 'pytorch', 14, 'none')).toMatchObject({ eligible: true, canRun: false });
    expect(find('vllm', 'pytorch', 14, 'none')?.memory.reason).toMatch(
      /^14B at none needs [\d.]+ GiB on GPU 0 \(.*KV cache for 8,192 tokens.*\) but has 21\.6 GiB usable \(90% of 24\.0 GiB free\)\.$/,
    );
    expect(find('vllm', 'gptq', 7, 'Int8')?.canRun).toBe(true);
    expect(find('vllm', 'ggufv2', 7, 'Q4_K_M')?.reasons).toContain(
      'vLLM runs pytorch, gptq and awq models; this model is ggufv2: use its Hugging Face weights in one of those formats.',
    );
    // 32B at 4 bits leaves no room for 8,192 tokens of cache beside vLLM's overhead; 14B at 8 bits does.
    expect(json.pick).toMatchObject({ engine: 'vllm', spec: { sizeInBillions: 14, quantization: 'Int8' } });
    expect(json.pick.reason).toContain('14B is the largest size that fits in 24 GiB of GPU memory');
  });

  it('answers on Linux with eight 80 GB NVIDIA GPUs: the 72B model fits unquantized', async () => {
    const { code, json, find } = await engines('qwen2.5-instruct', hosts.eightH100);
    expect(code).toBe(0);
    expect(find('vllm', 'pytorch', 72, 'none')).toMatchObject({ canRun: true, memory: { fits: true } });
    expect(json.pick.spec).toMatchObject({ format: 'pytorch', quantization: 'none', sizeInBillions: 72 });
  });

  it('answers on Apple silicon: vLLM cannot, MLX can once registered', async () => {
    const { json, options } = await engines('qwen2.5-instruct', hosts.mac);
    const vllm = options.filter((o) => o.engine === 'vllm');
    expect(vllm.length).toBeGreaterThan(0);
    for (const option of vllm) {
      expect(option.canRun).toBe(false);
      expect(option.reasons).toContain('vLLM needs Linux; this host runs darwin.');
    }
    if (shipped.has('mlx')) {
      expect(options.some((o) => o.engine === 'mlx' && o.format === 'mlx' && o.canRun)).toBe(true);
      expect(json.pick.engine).toBe('mlx');
    }
  });

  it('answers on a CPU-only Linux host: no CUDA engine; llama.cpp runs the hub GGUFs, pulled for node-llama-cpp', async () => {
    const { json, options } = await engines('qwen2.5-instruct', hosts.cpuOnly);
    for (const option of options.filter((o) => o.engine === 'vllm')) {
      expect(option.reasons.some((r) => r.startsWith('vLLM needs at least one NVIDIA CUDA GPU'))).toBe(true);
    }
    if (shipped.has('llamacpp')) {
      // Its only llama.cpp runtime is node-llama-cpp, which loads local files: the CLI pulls them first.
      expect(options.some((o) => o.engine === 'llamacpp' && o.format === 'ggufv2' && o.canRun)).toBe(true);
      expect(json.pick.engine).toBe('llamacpp');
    }
  });

  it('exits 1 when no engine can run the model, with every reason', async () => {
    const { code, stdout } = await runCli([
      'engines',
      'qwen2.5-instruct',
      '--engine',
      'vllm',
      '--host-file',
      hosts.mac,
    ]);
    expect(code).toBe(1);
    expect(stdout).toContain('No engine can run qwen2.5-instruct here');
    expect(stdout).toContain('vLLM needs Linux; this host runs darwin.');
  });

  it('prints a folded table and the pick for people', async () => {
    const { code, stdout } = await runCli([
      'engines',
      'QWEN2.5-INSTRUCT',
      '--engine',
      'vllm',
      '--host-file',
      hosts.rtx4090,
    ]);
    expect(code).toBe(0);
    expect(stdout).toContain('Can run it here: vllm');
    expect(stdout).toMatch(/Pick: {2}vllm · qwen2\.5-instruct · gptq · Int8 · 14B/);
    expect(stdout).toMatch(/✓\s+vllm\s+pytorch\s+0\.5, 1\.5, 3, 7B\s+none\n/);
    expect(stdout).toContain('too large for 24 GiB of GPU memory');
  });

  it.each(Object.entries(hosts))(
    'prints on %s only rows whose every size and quantization select --json agrees with',
    async (_, host) => {
      const model = 'qwen2.5-instruct';
      const table = await runCli(['engines', model, '--host-file', host]);
      const { json, find } = await engines(model, host);
      let claimed = 0;
      for (const row of tableRows(table.stdout)) {
        for (const size of row.sizes) {
          for (const quantization of row.quantizations) {
            const what = `${row.line}: ${size}B ${quantization}`;
            claimed++;
            const option = find(row.engine ?? '', row.format ?? '', size, quantization);
            expect(option?.canRun, what).toBe(row.canRun);
            if (!option?.eligible) continue;
            // What the engine accepts, select judges by the memory plan for that engine.
            const { stdout } = await runCli([
              'select',
              model,
              '--engine',
              row.engine,
              '--format',
              row.format,
              '--size',
              String(size),
              '--quantization',
              quantization,
              '--host-file',
              host,
              '--json',
            ]);
            expect(JSON.parse(stdout).chosen === row.engine, what).toBe(row.canRun);
          }
        }
      }
      // Each option is claimed by exactly one row.
      expect(claimed).toBe(json.options.length);
    },
    60_000,
  );

  it('judges a custom model of --model-file by its family', async () => {
    const { code, find, json } = await engines('my-finetune', hosts.rtx4090, '--model-file', modelFile);
    expect(code).toBe(0);
    expect(json.model).toEqual({ modelName: 'my-finetune', modelFamily: 'qwen2.5-instruct' });
    expect(find('vllm', 'pytorch', 7, 'none')).toMatchObject({ canRun: true, hubId: 'me/my-finetune-7b' });
  });

  it('exits 2 for a model the catalog lacks, suggesting close names', async () => {
    const { code, stderr } = await runCli(['engines', 'qwen2.5-instruc', '--host-file', hosts.rtx4090]);
    expect(code).toBe(2);
    expect(stderr).toContain('MODEL: "qwen2.5-instruc" is not in the catalog; did you mean qwen2.5-instruct');
  });
});

describe('switchyard select with a catalog name', () => {
  const select = async (...argv: string[]) => {
    const result = await runCli(['select', ...argv]);
    return { ...result, json: result.code === 0 && argv.includes('--json') ? JSON.parse(result.stdout) : undefined };
  };

  it('picks the best spec for the host and says which and why', async () => {
    const { code, json } = await select('qwen2.5-instruct', '--host-file', hosts.rtx4090, '--json');
    expect(code).toBe(0);
    expect(json.chosen).toBe('vllm');
    expect(json.spec).toMatchObject({ modelName: 'qwen2.5-instruct', sizeInBillions: 14, quantization: 'Int8' });
    expect(json.spec.hubId).toBe('Qwen/Qwen2.5-14B-Instruct-GPTQ-Int8');
    expect(json.fit.plan).toMatchObject({
      fits: true,
      gpus: [0],
      tensorParallel: 1,
      contextSource: 'largest that fits',
    });

    const human = await select('qwen2.5-instruct', '--host-file', hosts.rtx4090);
    expect(human.stdout).toMatch(/picked gptq · Int8 · 14B: vLLM/);
    expect(human.stdout).toMatch(
      /Fit: {3}[\d.]+ GiB of weights \+ [\d.]+ GiB of KV cache for [\d,]+ tokens \(the most that fits\)/,
    );
    expect(human.stdout).toContain('on GPU 0: ');
  });

  it('takes a bigger spec on a bigger host', async () => {
    const { json } = await select('qwen2.5-instruct', '--host-file', hosts.eightH100, '--json');
    expect(json.spec).toMatchObject({ format: 'pytorch', quantization: 'none', sizeInBillions: 72 });
  });

  it('exits 1 when no spec fits, agreeing with engines, and says why on each engine that could run it', async () => {
    const { code, stdout } = await runCli(['select', 'deepseek-v3', '--host-file', hosts.rtx4090, '--json']);
    expect(code).toBe(1);
    expect((await engines('deepseek-v3', hosts.rtx4090)).code).toBe(1);
    const json = JSON.parse(stdout);
    expect(json.chosen).toBeNull();
    const llamacpp = json.candidates.find((c: { backend: string }) => c.backend === 'llamacpp');
    expect(llamacpp.eligible).toBe(false);
    expect(llamacpp.reasons).toEqual([
      expect.stringMatching(
        /^No spec of deepseek-v3 fits in this host's memory: the smallest an engine can run, ggufv2 · \S+ · 671B, needs \d+ GiB of RAM for the \d+ of 61 layers the GPUs cannot hold .* but has 48\.0 GiB to spare; pick a smaller model/,
      ),
    ]);

    const human = await runCli(['select', 'deepseek-v3', '--host-file', hosts.rtx4090]);
    expect(human.stdout).toContain('No engine can run this model here');
    expect(human.stdout).not.toContain('Chosen engine');
    const plan = await runCli(['plan', 'deepseek-v3', '--host-file', hosts.rtx4090]);
    expect(plan.code).toBe(1);
    expect(plan.stderr).toContain('No spec of deepseek-v3 fits');
  });

  it('refuses to launch a model no engine can run here, before starting anything', async () => {
    // 671B parameters: no machine these tests run on has the memory, or an engine that downloads it.
    const { code, stderr } = await runCli(['launch', 'deepseek-v3']);
    expect(code).toBe(1);
    expect(stderr).toContain('No engine can run deepseek-v3');
  });

  it('sizes models to three quarters of RAM on a host without a GPU', async () => {
    const { json } = await select('qwen2.5-instruct', '--host-file', hosts.cpuOnly, '--json');
    const human = await select('qwen2.5-instruct', '--host-file', hosts.cpuOnly);
    expect(json.chosen).toBe(shipped.has('llamacpp') ? 'llamacpp' : 'transformers');
    expect(human.stdout).toMatch(
      /fits in 24 GiB of RAM to spare for a model \(needs about \d+(\.\d)? GiB with [\d,]+ tokens of context\)/,
    );
    expect(human.stdout).toMatch(/in RAM: [\d.]+ GiB of 24\.0 GiB usable/);
  });

  it('narrows with --size, --format and --quantization', async () => {
    const sized = await select('qwen2.5-instruct', '--size', '7', '--host-file', hosts.rtx4090, '--json');
    expect(sized.json.spec).toMatchObject({ format: 'pytorch', quantization: 'none', sizeInBillions: 7 });
    const quantized = await select(
      'qwen2.5-instruct',
      ...['--format', 'gptq', '--quantization', '8bit', '--size', '1_5'],
      ...['--host-file', hosts.rtx4090, '--json'],
    );
    expect(quantized.json.spec).toMatchObject({
      format: 'gptq',
      quantization: 'Int8',
      sizeInBillions: 1.5,
      hubId: 'Qwen/Qwen2.5-1.5B-Instruct-GPTQ-Int8',
    });
  });

  it('exits 2 for a combination the catalog lacks, listing what exists', async () => {
    const { code, stderr } = await select(
      'qwen2.5-instruct',
      '--format',
      'awq',
      '--size',
      '5',
      '--host-file',
      hosts.rtx4090,
    );
    expect(code).toBe(2);
    expect(stderr).toContain(
      'size: qwen2.5-instruct has no awq spec of 5B; its awq specs come in 0.5B, 1.5B, 3B, 7B, 14B, 32B, 72B',
    );
  });

  it('exits 2 for a name that is neither in the catalog nor given a format', async () => {
    const { code, stderr } = await select('lama-3-instruct', '--host-file', hosts.rtx4090);
    expect(code).toBe(2);
    expect(stderr).toContain('MODEL: "lama-3-instruct" is not in the catalog; did you mean llama-3-instruct');
  });

  it('resolves a custom model from --model-file, judged by its family', async () => {
    const { code, json } = await select(
      'my-finetune',
      '--model-file',
      modelFile,
      '--host-file',
      hosts.rtx4090,
      '--json',
    );
    expect(code).toBe(0);
    expect(json.chosen).toBe('vllm');
    expect(json.spec).toMatchObject({
      modelName: 'my-finetune',
      modelFamily: 'qwen2.5-instruct',
      hubId: 'me/my-finetune-7b',
    });
  });

  it("resolves a relative modelPath in --model-file from the file's folder, not the working directory", async () => {
    const dir = await mkdtemp(join(tmpdir(), 'switchyard-model-file-'));
    try {
      await mkdir(join(dir, 'models/weights'), { recursive: true });
      await writeTinyLlama(join(dir, 'models/weights/my-Q4_K_M.gguf'));
      const gguf = { format: 'ggufv2', sizeInBillions: 1, quantizations: ['Q4_K_M'], modelPath: './weights' };
      const local = {
        modelName: 'my-local',
        modelFamily: 'qwen2.5-instruct',
        specs: [{ ...gguf, fileNameTemplate: 'my-{quantization}.gguf' }],
      };
      await writeFile(join(dir, 'models/local.json'), JSON.stringify(local));
      const result = await runCli(
        ['select', 'my-local', '--model-file', 'models/local.json', '--host-file', hosts.cpuOnly, '--json'],
        { cwd: dir },
      );
      expect(JSON.parse(result.stdout).spec.modelPath).toBe(join(dir, 'models/weights/my-Q4_K_M.gguf'));
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('exits 2 for a malformed --model-file, naming the field', async () => {
    const { code, stderr } = await select('my-finetune', '--model-file', badModelFile, '--host-file', hosts.rtx4090);
    expect(code).toBe(2);
    expect(stderr).toContain(`--model-file ${badModelFile}`);
    expect(stderr).toContain('specs.0.format: "safetensors" is not a model format');
  });
});

/** The rows of the `engines` table: a ✓ or ✗ line and its wrapped lines, cut at the header's columns. */
function tableRows(stdout: string) {
  const lines = stdout.split('\n');
  const header = lines.findIndex((line) => line.includes('why not'));
  const head = lines[header] ?? '';
  const starts = ['engine', 'format', 'sizes', 'quantizations'].map((name) => head.indexOf(name));
  const rows: { line: string; cells: string[] }[] = [];
  for (const line of lines.slice(header + 1)) {
    const cells = starts.map((start, i) => line.slice(start, starts[i + 1] ?? head.indexOf('why not')).trim());
    const row = rows.at(-1);
    if (/^[✓✗]/.test(line)) rows.push({ line, cells });
    else if (row) row.cells = row.cells.map((cell, i) => [cell, cells[i]].filter(Boolean).join(' '));
  }
  const list = (cell = '') => cell.split(', ').filter(Boolean);
  return rows.map(({ line, cells: [engine, format, sizes, quantizations] }) => ({
    line,
    canRun: line.startsWith('✓'),
    engine,
    format,
    sizes: list(sizes?.replace(/B$/, '')).map(Number),
    quantizations: list(quantizations),
  }));
}
