import { execFile } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify, stripVTControlCharacters } from 'node:util';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { parseHostInfo } from '../packages/core/src/index.js';
import { fakePython, fakeTools, gpuRows, nvidiaSmi } from '../packages/host-detection/test/fake-tools.js';
import { CLI_BIN, fixture, REPO_ROOT, runCli } from './support/run-cli.js';

afterEach(() => {
  vi.unstubAllEnvs();
});

/** Fake tools first on PATH, the real ones after (the fakes shadow python3, nvidia-smi...). */
async function machine(tools: Record<string, string>) {
  const fake = await fakeTools();
  for (const [name, body] of Object.entries(tools)) await fake.tool(name, body);
  vi.stubEnv('PATH', `${fake.bin}:${process.env.PATH}`);
  return fake;
}

const host = async (...args: string[]) => {
  const result = await runCli(['host', ...args]);
  return { ...result, stdout: stripVTControlCharacters(result.stdout) };
};

const LLAMA_SERVER = 'echo "version: 4067 (1e5a7c8e)" >&2';

describe('switchyard host', () => {
  it('prints OS, CPU, memory, each GPU, each engine with its version, and every probe', async () => {
    await machine({
      'nvidia-smi': nvidiaSmi(gpuRows(2)),
      python3: fakePython({ vllm: '0.11.0', torch: '2.8.0' }),
      'llama-server': LLAMA_SERVER,
    });
    const { code, stdout } = await host();
    expect(code).toBe(0);
    expect(stdout).toContain(`OS       ${process.platform} ${process.arch}`);
    expect(stdout).toMatch(/CPU {6}.+, \d+ cores/);
    expect(stdout).toMatch(/Memory {3}\d+\.\d GiB/);
    expect(stdout).toContain('[0] nvidia NVIDIA H100 80GB HBM3  (16.0 GiB, compute 9.0, driver 550.54.15)');
    expect(stdout).toContain('[1] nvidia NVIDIA H100 80GB HBM3  (32.0 GiB, compute 9.0, driver 550.54.15)');
    expect(stdout).toMatch(/vllm 0\.11\.0 +\/opt\/fake\/bin\/python3/);
    expect(stdout).toMatch(/torch 2\.8\.0 +\/opt\/fake\/bin\/python3/);
    expect(stdout).toMatch(/llama-server b4067 +\/.+\/llama-server/);
    for (const probe of ['system', 'nvidia-smi', 'python', 'llama-server', 'node-llama-cpp']) {
      expect(stdout).toMatch(new RegExp(`✓ ${probe} +\\d+ ms`));
    }
    expect(stdout).not.toContain('failed');
  });

  it('says which probes failed and why, and still describes the rest', async () => {
    await machine({
      'nvidia-smi': 'echo "NVIDIA-SMI has failed because it couldn\'t communicate with the NVIDIA driver."; exit 9',
      python3: 'echo garbage',
    });
    const { code, stdout } = await host();
    expect(code).toBe(0);
    expect(stdout).toMatch(
      /✗ nvidia-smi +\d+ ms {2}failed: nvidia-smi exited with code 9: NVIDIA-SMI has failed because it couldn't communicate/,
    );
    expect(stdout).toMatch(/✗ python +\d+ ms {2}failed: the interpreter did not print the probe's answer/);
    expect(stdout).toContain('2 probes failed');
    expect(stdout).toContain(`OS       ${process.platform}`);
  });

  it('lists the GPUs around a line nvidia-smi printed that is not a GPU row, and shows the line', async () => {
    await machine({ 'nvidia-smi': nvidiaSmi([...gpuRows(1), 'WARNING: infoROM is corrupted at gpu 0000:01:00.0']) });
    const { code, stdout } = await host('--refresh');
    expect(code).toBe(0);
    expect(stdout).toContain('[0] nvidia NVIDIA H100 80GB HBM3');
    expect(stdout).toMatch(
      /✓ nvidia-smi +\d+ ms {2}NVIDIA H100 80GB HBM3 16 GiB; skipped 1 line nvidia-smi printed: WARNING: infoROM is corrupted at gpu 0000:01:00\.0/,
    );
  });

  it('probes the interpreter given with --python and says when it does not exist', async () => {
    const fake = await machine({ python3: fakePython({}) });
    const other = await fake.tool('venv-python', fakePython({ transformers: '4.57.0' }, '/venv/bin/python'));
    expect((await host('--python', other)).stdout).toMatch(/transformers 4\.57\.0 +\/venv\/bin\/python/);
    const missing = await host('--python', join(fake.root, 'nope'));
    expect(missing.stdout).toMatch(/✗ python .*--python names ".*nope", which is not an executable file/);
  });

  it('--json prints a valid --host-file that select plans with', async () => {
    // 80 GB: Llama 3 8B unquantized (about 18 GiB with headroom) fits.
    const h100 = '0, NVIDIA H100 80GB HBM3, 81559, 80732, 9.0, 550.54.15';
    const fake = await machine({ 'nvidia-smi': nvidiaSmi([h100]), python3: fakePython({ vllm: '0.11.0' }) });
    const { code, stdout, stderr } = await host('--json');
    expect(code).toBe(0);
    expect(stderr).toBe('');
    const detected = parseHostInfo(JSON.parse(stdout));
    expect(detected.gpus).toMatchObject([
      { vendor: 'nvidia', memoryMiB: 81559, memoryFreeMiB: 80732, computeCapability: '9.0' },
    ]);
    expect(detected.engines.vllm?.version).toBe('0.11.0');

    const hostFile = join(fake.root, 'host.json');
    await writeFile(hostFile, stdout);
    const selection = await runCli([
      'select',
      'llama-3-instruct',
      '--format',
      'pytorch',
      '--host-file',
      hostFile,
      '--json',
    ]);
    expect(JSON.parse(selection.stdout).chosen).toBe('vllm');
  });

  it('--json keeps stdout a host file and warns about failed probes on stderr', async () => {
    await machine({ 'nvidia-smi': 'echo "@@@ not csv"' });
    const { stdout, stderr } = await host('--json', '--refresh');
    expect(parseHostInfo(JSON.parse(stdout)).gpus).toEqual([]);
    expect(stderr).toMatch(/^warning: nvidia-smi: nvidia-smi printed a line that is not a GPU row/);
  });

  it("finds a plugin's engine on a real PATH, so select can choose it without a host file", async () => {
    await machine({ ollama: 'echo "ollama version is 0.9.0"' });
    const plugin = ['--plugin', 'switchyard-backend-ollama'];
    const { stdout } = await host('--refresh', ...plugin);
    expect(stdout).toMatch(/ollama 0\.9\.0 +\S+\/ollama/);
    expect((await host('--refresh')).stdout).not.toContain('ollama 0.9.0');

    const spec = join((await fakeTools()).root, 'spec.json');
    await writeFile(
      spec,
      JSON.stringify({ modelName: 'm', format: 'ggufv2', quantization: 'Q4_K_M', hubId: 'o/m-GGUF' }),
    );
    const selected = await runCli(['select', '--spec-file', spec, '--engine', 'ollama', ...plugin, '--json']);
    expect(selected.code).toBe(0);
    expect(JSON.parse(selected.stdout).host.engines.ollama.version).toBe('0.9.0');
  });
});

describe('switchyard host, built', () => {
  const node = promisify(execFile);

  it('describes this machine as a valid host file', async () => {
    const { stdout } = await node(process.execPath, [CLI_BIN, 'host', '--json'], { cwd: REPO_ROOT });
    const detected = parseHostInfo(JSON.parse(stdout));
    expect(detected.os).toBe(process.platform);
    expect(detected.cpu?.cores).toBeGreaterThan(0);
  });

  it('loads no probe, and does not load child_process, when planning with --host-file', async () => {
    const args = ['--require', fixture('host-detect/report-probe-loads.cjs'), CLI_BIN, 'select', 'llama-3-instruct'];
    const hostFile = fixture('hosts-core/linux-cuda-vllm.json');
    const planned = await node(process.execPath, [...args, '--format', 'pytorch', '--host-file', hostFile], {
      cwd: REPO_ROOT,
    });
    expect(planned.stderr).not.toContain('LOADED');
    // The same hook does see the probes when the host is detected, so the check above can fail.
    const detected = await node(process.execPath, [...args, '--format', 'pytorch', '--json'], { cwd: REPO_ROOT }).catch(
      (error: { stderr: string }) => error,
    );
    expect(detected.stderr).toContain('LOADED');
  });
});
