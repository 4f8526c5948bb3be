import { readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fixture, runCli, runCliBinary } from './support/run-cli.js';

const gpuHost = fixture('hosts-core/linux-cuda-vllm.json');

describe('switchyard select', () => {
  it('prints exactly spec, host, chosen and candidates as JSON, eligible first', async () => {
    const { code, stdout } = await runCli([
      'select',
      'llama-3-instruct',
      '--format',
      'pytorch',
      '--host-file',
      gpuHost,
      '--json',
    ]);
    expect(code).toBe(0);
    const json = JSON.parse(stdout);
    expect(Object.keys(json)).toEqual(['spec', 'host', 'chosen', 'candidates', 'fit', 'reason', 'considered']);
    expect(json.chosen).toBe('vllm');
    expect(json.spec).toMatchObject({
      modelName: 'llama-3-instruct',
      modelFamily: 'llama-3-instruct',
      quantization: 'none',
    });
    expect(json.host.gpus[0].name).toBe('NVIDIA A100-SXM4-80GB');
    for (const candidate of json.candidates)
      expect(Object.keys(candidate)).toEqual(['backend', 'priority', 'eligible', 'reasons']);
    const eligibility = json.candidates.map((c: { eligible: boolean }) => c.eligible);
    expect(eligibility).toEqual([...eligibility].sort((a, b) => Number(b) - Number(a)));
  });

  it('exits 1 and explains every refusal when no engine is eligible', async () => {
    const { code, stdout } = await runCli([
      'select',
      'phi-3',
      '--format',
      'awq',
      '--quantization',
      'int8',
      '--host-file',
      gpuHost,
    ]);
    expect(code).toBe(1);
    expect(stdout).toContain('No engine can run this model here');
    expect(stdout).toContain('vLLM needs quantization Int4 for awq models; this model has Int8.');
    expect(stdout).toMatch(/vLLM does not support model family "phi-3"/);
  });

  it('judges a custom model by its family', async () => {
    const { code, stdout } = await runCli([
      'select',
      'my-finetune',
      '--family',
      'QWEN2.5-INSTRUCT',
      '--format',
      'gptq',
      '--quantization',
      '4bits',
      '--host-file',
      gpuHost,
      '--json',
    ]);
    expect(code).toBe(0);
    expect(JSON.parse(stdout).spec).toMatchObject({
      modelName: 'my-finetune',
      modelFamily: 'QWEN2.5-INSTRUCT',
      quantization: 'Int4',
    });
  });

  it('reads a spec file, and flags override its fields', async () => {
    const specFile = join(tmpdir(), `switchyard-spec-${process.pid}.json`);
    await writeFile(specFile, JSON.stringify({ modelName: 'llama-3-instruct', format: 'gptq', quantization: 'Int2' }));
    const refused = await runCli(['select', '--spec-file', specFile, '--host-file', gpuHost, '--json']);
    expect(refused.code).toBe(1);
    const fixed = await runCli([
      'select',
      '--spec-file',
      specFile,
      '--quantization',
      'int8',
      '--host-file',
      gpuHost,
      '--json',
    ]);
    expect(fixed.code).toBe(0);
    expect(JSON.parse(fixed.stdout).spec.quantization).toBe('Int8');
  });

  it('exits 2 naming the field and the valid values for a bad format', async () => {
    const { code, stderr, stdout } = await runCli(['select', 'x', '--format', 'safetensors', '--host-file', gpuHost]);
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toContain('format: "safetensors" is not a model format; use one of pytorch, gptq, awq');
    expect(stderr).not.toMatch(/\n\s+at /);
  });

  it('exits 2 for a host file that is missing, not JSON, or of the wrong shape', async () => {
    const missing = await runCli(['select', 'x', '--format', 'pytorch', '--host-file', 'nope.json']);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('--host-file nope.json');
    expect(missing.stderr).toContain('no such file');

    const notJson = await runCli([
      'select',
      'x',
      '--format',
      'pytorch',
      '--host-file',
      fixture('plugin-future-api.mjs'),
    ]);
    expect(notJson.code).toBe(2);
    expect(notJson.stderr).toContain('not valid JSON');

    // Saved by an editor that writes a UTF-8 byte-order mark: still JSON.
    const withBom = join(tmpdir(), `switchyard-bom-host-${process.pid}.json`);
    await writeFile(withBom, `\uFEFF${await readFile(gpuHost, 'utf8')}`);
    const bom = await runCli(['select', 'x', '--format', 'pytorch', '--host-file', withBom, '--json']);
    expect(JSON.parse(bom.stdout).host.gpus[0].name).toBe('NVIDIA A100-SXM4-80GB');

    const wrong = await runCli([
      'select',
      'x',
      '--format',
      'pytorch',
      '--host-file',
      fixture('hosts-core/bad-vendor.json'),
    ]);
    expect(wrong.code).toBe(2);
    expect(wrong.stderr).toContain(
      'gpus.0.vendor: "nvidea" is not a valid vendor; use one of nvidia, amd, apple, intel, other',
    );
  });

  it('exits 2 for an unknown engine and 1 for an engine that cannot run the model', async () => {
    const unknown = await runCli(['select', 'x', '--format', 'pytorch', '--engine', 'tgi', '--host-file', gpuHost]);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('There is no engine named "tgi"');

    const refused = await runCli([
      'select',
      'phi-3',
      '--format',
      'pytorch',
      '--engine',
      'vllm',
      '--host-file',
      gpuHost,
    ]);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('Engine "vllm" cannot run this model here');
    expect(refused.stderr).toContain('vLLM does not support model family "phi-3"');
  });

  it('exits 2 when MODEL is missing or an option is unknown', async () => {
    expect((await runCli(['select', '--format', 'pytorch', '--host-file', gpuHost])).code).toBe(2);
    // An empty MODEL (an unset shell variable) asks for a model rather than suggesting random names.
    const empty = await runCli(['select', ' ', '--host-file', gpuHost]);
    expect(empty.code).toBe(2);
    expect(empty.stderr).toContain('MODEL: name a model');
    expect(empty.stderr).not.toContain('did you mean');
    const unknown = await runCli(['select', 'x', '--colour']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain("unknown option '--colour'");
  });

  it('loads a third-party plugin with --plugin and ranks it with the built-in ones', async () => {
    const { code, stdout } = await runCli([
      'select',
      'llama-3-instruct',
      '--format',
      'pytorch',
      '--host-file',
      gpuHost,
      '--json',
      '--plugin',
      fixture('plugin-third-party.mjs'),
    ]);
    expect(code).toBe(0);
    const json = JSON.parse(stdout);
    expect(json.chosen).toBe('thirdparty');
    expect(json.candidates.map((c: { backend: string }) => c.backend)).toContain('vllm');
  });

  it('refuses a plugin for another API version, naming both versions', async () => {
    const { code, stderr } = await runCli([
      'select',
      'x',
      '--format',
      'pytorch',
      '--host-file',
      gpuHost,
      '--plugin',
      fixture('plugin-future-api.mjs'),
    ]);
    expect(code).toBe(2);
    expect(stderr).toContain('plugin API v99');
    expect(stderr).toContain('plugin API v1');
  });

  it('refuses a plugin module that cannot be loaded', async () => {
    const { code, stderr } = await runCli(['select', 'x', '--format', 'pytorch', '--plugin', './does-not-exist.js']);
    expect(code).toBe(2);
    expect(stderr).toContain('Could not load plugin module "./does-not-exist.js"');
  });

  it('lists identical GPUs once, with their count', async () => {
    const { stdout } = await runCli([
      'select',
      'qwen2.5-instruct',
      '--host-file',
      fixture('hosts/linux-8x80gb-nvidia.json'),
    ]);
    expect(stdout).toContain(', 8 × nvidia NVIDIA H100 80GB HBM3 (80 GiB); engines:');
  });

  it('says a first-party plugin is built in rather than calling it a clash', async () => {
    const { code, stderr } = await runCli([
      'select',
      'x',
      '--format',
      'pytorch',
      '--plugin',
      '@switchyard/backend-vllm',
    ]);
    expect(code).toBe(2);
    expect(stderr).toContain('--plugin: @switchyard/backend-vllm is built into the switchyard CLI (engine vllm)');
    expect(stderr).not.toContain('clashes');
  });

  it('refuses an engine that can run no spec with the reasons of the spec it comes closest to', async () => {
    // SGLang runs the model's pytorch, gptq and awq specs; on this host it is only not installed.
    const argv = [
      'select',
      'qwen2.5-instruct',
      '--engine',
      'sglang',
      '--host-file',
      fixture('hosts/linux-1x24gb-nvidia.json'),
    ];
    const text = await runCli(argv);
    expect(text.code).toBe(1);
    expect(text.stderr).toContain('SGLang is not installed: pip install sglang');
    expect(text.stderr).not.toContain('this model is ggufv2');
    const json = await runCli([...argv, '--json']);
    expect(json.code).toBe(1);
    const { error } = JSON.parse(json.stdout);
    expect(error.code).toBe('ENGINE_NOT_ELIGIBLE');
    expect(error.message).toContain('SGLang is not installed');
    expect(error.message).not.toContain('ggufv2');
    expect(error.hint).toContain('--engine');
  });

  it('runs as the built binary with the same exit codes', async () => {
    const ok = await runCliBinary([
      'select',
      'llama-3-instruct',
      '--format',
      'pytorch',
      '--host-file',
      gpuHost,
      '--json',
    ]);
    expect(ok.code).toBe(0);
    expect(JSON.parse(ok.stdout).chosen).toBe('vllm');
    const bad = await runCliBinary(['select', 'x', '--format', 'nope', '--host-file', gpuHost]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('is not a model format');
  });
});

describe('switchyard select --plugin, by directory', () => {
  it('loads a plugin package from its directory, through its package.json', async () => {
    const { code, stdout } = await runCli([
      'select',
      'llama-3-instruct',
      '--format',
      'pytorch',
      '--host-file',
      gpuHost,
      '--json',
      '--plugin',
      './examples/backend-ollama',
    ]);
    expect(code).toBe(0);
    expect(JSON.parse(stdout).candidates.map((c: { backend: string }) => c.backend)).toContain('ollama');
  });
});

describe('switchyard --version', () => {
  it('prints the version of the installed switchyard package', async () => {
    const { version } = JSON.parse(await readFile(new URL('../packages/cli/package.json', import.meta.url), 'utf8'));
    const { code, stdout } = await runCliBinary(['--version']);
    expect(code).toBe(0);
    expect(stdout.trim()).toBe(version);
  });
});

describe('colour', () => {
  const { NO_COLOR: _noColor, FORCE_COLOR: _forceColor, ...plainEnv } = process.env;
  const select = ['select', 'llama-3-instruct', '--format', 'pytorch', '--host-file', gpuHost];

  it('is off when stdout is not a terminal, also under CI=true', async () => {
    const { stdout } = await runCliBinary(select, { env: { ...plainEnv, CI: 'true' } });
    expect(stdout).toContain('✓');
    expect(stdout).not.toContain('\x1b[');
  });

  it('is on when FORCE_COLOR asks for it', async () => {
    const { stdout } = await runCliBinary(select, { env: { ...plainEnv, FORCE_COLOR: '1' } });
    expect(stdout).toContain('\x1b[');
  });
});
