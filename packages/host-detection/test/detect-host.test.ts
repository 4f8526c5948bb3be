import { execFileSync } from 'node:child_process';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parseHostInfo } from '@switchyard/core';
import { describe, expect, it } from 'vitest';
import { detectHostReport, type HostReport } from '../src/index.js';
import { PYTHON_ENGINES } from '../src/probes/python-probe.js';
import { fakeOldPython, fakePython, fakeTools, gpuRows, HANGS, nvidiaSmi } from './fake-tools.js';

/** Detects with only `bin` on PATH, fresh each time. */
function detect(bin: string, options: { timeoutMs?: number; python?: string; env?: NodeJS.ProcessEnv } = {}) {
  return detectHostReport({
    env: { PATH: bin, ...options.env },
    refresh: true,
    timeoutMs: options.timeoutMs ?? 5000,
    ...(options.python ? { python: options.python } : {}),
  });
}

const probe = (report: HostReport, name: string) => report.probes.find((p) => p.name === name);

/** The engines the Python probe found (node-llama-cpp in this repository's node_modules is beside them). */
const pythonEngines = (report: HostReport) =>
  Object.fromEntries(Object.entries(report.host.engines).filter(([name]) => PYTHON_ENGINES.some((e) => e === name)));

describe('detectHost with nvidia-smi', () => {
  it('reads one GPU with memory, free memory, compute capability and driver', async () => {
    const tools = await fakeTools();
    await tools.tool('nvidia-smi', nvidiaSmi(['0, NVIDIA A100-SXM4-80GB, 81920, 80732, 8.0, 550.54.15']));
    const report = await detect(tools.bin);
    expect(report.host.gpus).toEqual([
      {
        index: 0,
        vendor: 'nvidia',
        name: 'NVIDIA A100-SXM4-80GB',
        memoryMiB: 81920,
        memoryFreeMiB: 80732,
        computeCapability: '8.0',
        driverVersion: '550.54.15',
      },
    ]);
    expect(probe(report, 'nvidia-smi')).toMatchObject({ ok: true, summary: 'NVIDIA A100-SXM4-80GB 80 GiB' });
    expect(probe(report, 'graphics')).toBeUndefined();
  });

  it('reads eight GPUs, each with its own memory', async () => {
    const tools = await fakeTools();
    await tools.tool('nvidia-smi', nvidiaSmi(gpuRows(8)));
    const { host } = await detect(tools.bin);
    expect(host.gpus.map((gpu) => gpu.index)).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
    expect(host.gpus.map((gpu) => gpu.memoryMiB)).toEqual(gpuRows(8).map((_, i) => 16384 * (i + 1)));
    expect(host.gpus.map((gpu) => gpu.memoryFreeMiB)).toEqual(gpuRows(8).map((_, i) => 16384 * (i + 1) - 1024));
    expect(new Set(host.gpus.map((gpu) => gpu.computeCapability))).toEqual(new Set(['9.0']));
  });

  it('takes "No devices were found" as zero GPUs, not a failure, and does not ask systeminformation', async () => {
    const tools = await fakeTools();
    await tools.tool('nvidia-smi', 'echo "No devices were found"\nexit 6');
    const report = await detect(tools.bin);
    expect(report.host.gpus).toEqual([]);
    expect(probe(report, 'nvidia-smi')).toMatchObject({ ok: true, summary: 'no NVIDIA GPU found' });
    expect(probe(report, 'graphics')).toBeUndefined();
  });

  it('reports a driver that errors as a failed probe with its message, and still describes the host', async () => {
    const tools = await fakeTools();
    await tools.tool(
      'nvidia-smi',
      'echo "NVIDIA-SMI has failed because it couldn\'t communicate with the NVIDIA driver."\nexit 9',
    );
    const report = await detect(tools.bin);
    expect(report.host.gpus).toEqual([]);
    expect(report.host.os).toBe(process.platform);
    expect(probe(report, 'nvidia-smi')).toMatchObject({ ok: false });
    expect(probe(report, 'nvidia-smi')?.error).toContain(
      "exited with code 9: NVIDIA-SMI has failed because it couldn't communicate",
    );
  });

  it('asks again without compute_cap on drivers that do not know it', async () => {
    const tools = await fakeTools();
    await tools.tool(
      'nvidia-smi',
      `case "$1" in *compute_cap*) echo 'Field "compute_cap" is not a valid field to query.'; exit 2;; esac
${nvidiaSmi(['0, Tesla V100-SXM2-16GB, 16160, 15000, 470.82.01'])}`,
    );
    const { host } = await detect(tools.bin);
    expect(host.gpus).toEqual([
      {
        index: 0,
        vendor: 'nvidia',
        name: 'Tesla V100-SXM2-16GB',
        memoryMiB: 16160,
        memoryFreeMiB: 15000,
        driverVersion: '470.82.01',
      },
    ]);
  });

  it('keeps the GPUs around a line that is not a GPU row, and names the line', async () => {
    const tools = await fakeTools();
    const warning = 'WARNING: infoROM is corrupted at gpu 0000:01:00.0';
    await tools.tool('nvidia-smi', nvidiaSmi([...gpuRows(2), warning]));
    const report = await detect(tools.bin);
    expect(report.host.gpus.map((gpu) => gpu.index)).toEqual([0, 1]);
    expect(probe(report, 'nvidia-smi')).toMatchObject({
      ok: true,
      summary: `NVIDIA H100 80GB HBM3 16 GiB, NVIDIA H100 80GB HBM3 32 GiB; skipped 1 line nvidia-smi printed: ${warning}`,
    });
  });

  it('keeps the GPUs nvidia-smi listed before it failed on another, and says it failed', async () => {
    const tools = await fakeTools();
    const lost = 'Unable to determine the device handle for GPU0000:02:00.0: Unknown Error';
    await tools.tool('nvidia-smi', `${nvidiaSmi([...gpuRows(1), lost])}\nexit 15`);
    const report = await detect(tools.bin);
    expect(report.host.gpus).toMatchObject([{ index: 0, memoryMiB: 16384 }]);
    expect(probe(report, 'nvidia-smi')).toMatchObject({
      ok: true,
      summary: `NVIDIA H100 80GB HBM3 16 GiB; skipped 1 line nvidia-smi printed: ${lost}; nvidia-smi exited with code 15`,
    });
  });

  it('treats garbage output as a failed probe, not a crash', async () => {
    const tools = await fakeTools();
    await tools.tool('nvidia-smi', 'echo "<html>segfault here</html>"\necho "@@@"');
    const report = await detect(tools.bin);
    expect(report.host.gpus).toEqual([]);
    expect(probe(report, 'nvidia-smi')?.ok).toBe(false);
    expect(probe(report, 'nvidia-smi')?.error).toMatch(/not a GPU row/);
  });

  it('gives up on an nvidia-smi that hangs (and its children) once the timeout passes', async () => {
    const tools = await fakeTools();
    await tools.tool('nvidia-smi', HANGS);
    const report = await detect(tools.bin, { timeoutMs: 300 });
    expect(report.host.gpus).toEqual([]);
    expect(probe(report, 'nvidia-smi')).toMatchObject({ ok: false, error: 'nvidia-smi did not answer within 300 ms' });
  });
});

describe('detectHost with Python', () => {
  it.each(PYTHON_ENGINES)('reports %s, and only it, when the interpreter has it', async (name) => {
    const tools = await fakeTools();
    await tools.tool('python3', fakePython({ [name]: '1.2.3' }));
    expect(pythonEngines(await detect(tools.bin))).toEqual({
      [name]: { version: '1.2.3', path: '/opt/fake/bin/python3' },
    });
  });

  it('reports no Python engines for an interpreter without them', async () => {
    const tools = await fakeTools();
    await tools.tool('python3', fakePython({}));
    const report = await detect(tools.bin);
    expect(pythonEngines(report)).toEqual({});
    expect(probe(report, 'python')).toMatchObject({
      ok: true,
      summary: 'Python 3.11.7 at /opt/fake/bin/python3: no engine packages',
    });
  });

  it('prefers --python, then SWITCHYARD_PYTHON, then python3, then python', async () => {
    const tools = await fakeTools();
    const explicit = await tools.tool('explicit', fakePython({ vllm: '1' }, '/explicit'));
    const fromEnv = await tools.tool('from-env', fakePython({ vllm: '2' }, '/from-env'));
    await tools.tool('python', fakePython({ vllm: '4' }, '/python'));
    const engineFrom = async (options: Parameters<typeof detect>[1]) =>
      (await detect(tools.bin, options)).host.engines.vllm;

    expect(await engineFrom({})).toEqual({ version: '4', path: '/python' });
    await tools.tool('python3', fakePython({ vllm: '3' }, '/python3'));
    expect(await engineFrom({})).toEqual({ version: '3', path: '/python3' });
    expect(await engineFrom({ env: { SWITCHYARD_PYTHON: fromEnv } })).toEqual({ version: '2', path: '/from-env' });
    expect(await engineFrom({ python: explicit, env: { SWITCHYARD_PYTHON: fromEnv } })).toEqual({
      version: '1',
      path: '/explicit',
    });
  });

  it('fails the probe, naming the flag, when --python is not an executable', async () => {
    const tools = await fakeTools();
    await tools.tool('python3', fakePython({ vllm: '1' }));
    const report = await detect(tools.bin, { python: '/no/such/python' });
    expect(pythonEngines(report)).toEqual({});
    expect(probe(report, 'python')?.ok).toBe(false);
    expect(probe(report, 'python')?.error).toContain('--python names "/no/such/python", which is not an executable');
  });

  it.each([
    ['3.7.16', '/usr/bin/python3.7'],
    ['2.7.18', '/usr/bin/python2'],
  ])('fails the probe for Python %s, which is too old, and says what to do', async (version, executable) => {
    const tools = await fakeTools();
    await tools.tool('python3', fakeOldPython(version, executable));
    const report = await detect(tools.bin);
    expect(pythonEngines(report)).toEqual({});
    expect(probe(report, 'python')).toMatchObject({
      ok: false,
      error: `Python ${version} at ${executable} is too old: the engines need Python 3.8 or later. Pick another interpreter with --python (or SWITCHYARD_PYTHON).`,
    });
  });

  it('reports an interpreter that prints garbage as a failed probe', async () => {
    const tools = await fakeTools();
    await tools.tool('python3', 'echo "Python 2.7 is not supported here"');
    const report = await detect(tools.bin);
    expect(pythonEngines(report)).toEqual({});
    expect(probe(report, 'python')?.error).toMatch(/did not print the probe's answer .*Python 2.7 is not supported/);
  });

  it('gives up on an interpreter that hangs, keeping the other probes', async () => {
    const tools = await fakeTools();
    await tools.tool('python3', HANGS);
    await tools.tool('nvidia-smi', nvidiaSmi(gpuRows(1)));
    const report = await detect(tools.bin, { timeoutMs: 300 });
    expect(probe(report, 'python')).toMatchObject({ ok: false, error: 'python3 did not answer within 300 ms' });
    expect(report.host.gpus).toHaveLength(1);
  });
});

/** This machine's real Python 3, when it has one: the probe's own script runs on it. */
const realPython = (() => {
  try {
    return execFileSync('python3', ['-c', 'import sys; print(sys.executable)'], { encoding: 'utf8' }).trim();
  } catch {
    return undefined;
  }
})();

describe.skipIf(!realPython)('the Python probe on a real interpreter', () => {
  /** A package installed as pip leaves it in a virtual environment: metadata, entry points, RECORD. */
  async function fakeVenvWith(root: string, name: string, version: string) {
    const site = join(root, 'venv/lib/python3/site-packages');
    const distInfo = join(site, `${name}-${version}.dist-info`);
    await mkdir(distInfo, { recursive: true });
    await writeFile(join(distInfo, 'METADATA'), `Metadata-Version: 2.1\nName: ${name}\nVersion: ${version}\n`);
    await writeFile(join(distInfo, 'entry_points.txt'), `[console_scripts]\n${name} = ${name}.cli:main\n`);
    await writeFile(
      join(distInfo, 'RECORD'),
      `../../../bin/${name},,\n${name}/__init__.py,,\n${name}/main.py,,\n${name}-${version}.dist-info/METADATA,,\n`,
    );
    return site;
  }

  it('reads versions from metadata and finds the console script the package installed', async () => {
    const tools = await fakeTools();
    const site = await fakeVenvWith(tools.root, 'vllm', '0.11.0');
    const report = await detect(tools.bin, { python: realPython, env: { PYTHONPATH: site, PYTHONNOUSERSITE: '1' } });
    expect(probe(report, 'python')?.ok).toBe(true);
    expect(report.host.engines.vllm).toEqual({
      version: '0.11.0',
      path: realPython,
      scripts: { vllm: join(tools.root, 'venv/bin/vllm') },
    });
  });

  it("looks for a plugin's Python distribution too, under the runtime's name", async () => {
    const tools = await fakeTools();
    const site = await fakeVenvWith(tools.root, 'lmdeploy', '0.6.1');
    const report = await detectHostReport({
      env: { PATH: tools.bin, PYTHONPATH: site, PYTHONNOUSERSITE: '1' },
      python: realPython,
      refresh: true,
      runtimes: [{ name: 'lmdeploy-engine', pythonPackage: 'lmdeploy' }],
    });
    expect(report.host.engines['lmdeploy-engine']).toMatchObject({ version: '0.6.1', path: realPython });
    expect(report.host.engines.lmdeploy).toBeUndefined();
  });
});

describe("detectHost with plugins' executables", () => {
  const ollama = { name: 'ollama', executable: 'ollama' } as const;
  const detectOllama = (bin: string) =>
    detectHostReport({ env: { PATH: bin }, refresh: true, timeoutMs: 5000, runtimes: [ollama] });

  it('finds the executable on PATH and reads the version it prints', async () => {
    const tools = await fakeTools();
    const path = await tools.tool(
      'ollama',
      '[ "$1" = "--version" ] || exit 3\necho "Warning: could not connect to a running Ollama instance" >&2\necho "ollama version is 0.9.0"',
    );
    const report = await detectOllama(tools.bin);
    expect(report.host.engines.ollama).toEqual({ version: '0.9.0', path });
    expect(probe(report, 'ollama')).toMatchObject({ ok: true, summary: `0.9.0 at ${path}` });
  });

  it('leaves it out when it is absent, and fails the probe when it prints no version', async () => {
    const absent = await detectOllama((await fakeTools()).bin);
    expect(absent.host.engines.ollama).toBeUndefined();
    expect(probe(absent, 'ollama')).toMatchObject({ ok: true, summary: 'not on PATH' });

    const tools = await fakeTools();
    await tools.tool('ollama', 'echo "usage: ollama [command]"');
    const garbled = await detectOllama(tools.bin);
    expect(garbled.host.engines.ollama).toBeUndefined();
    expect(probe(garbled, 'ollama')?.error).toContain('ollama --version printed no version');
  });
});

describe('detectHost with llama-server and node-llama-cpp', () => {
  it('reads the llama-server build from --version, after any start-up logs', async () => {
    const tools = await fakeTools();
    const server = await tools.tool(
      'llama-server',
      `[ "$1" = "--version" ] || exit 3
echo "ggml_cuda_init: found 1 CUDA devices:" >&2
echo "version: 4067 (1e5a7c8e)" >&2
echo "built with cc (Debian 12.2.0-14) 12.2.0 for x86_64-linux-gnu" >&2`,
    );
    const { host } = await detect(tools.bin);
    expect(host.engines['llama-server']).toEqual({ version: 'b4067', path: server });
  });

  it('reports a llama-server that prints garbage as a failed probe', async () => {
    const tools = await fakeTools();
    await tools.tool('llama-server', 'echo "usage: who knows"');
    const report = await detect(tools.bin);
    expect(report.host.engines['llama-server']).toBeUndefined();
    expect(probe(report, 'llama-server')?.error).toMatch(/no "version: N \(commit\)" line/);
  });

  it('finds node-llama-cpp in the project without loading it', async () => {
    const tools = await fakeTools();
    const packageDir = `${tools.root}/node_modules/node-llama-cpp`;
    await mkdir(packageDir, { recursive: true });
    // A package whose code would throw if it were imported.
    await writeFile(`${packageDir}/package.json`, JSON.stringify({ name: 'node-llama-cpp', version: '9.9.9' }));
    await writeFile(`${packageDir}/index.js`, 'throw new Error("loaded");');
    const { host } = await detectHostReport({ env: { PATH: tools.bin }, cwd: tools.root, refresh: true });
    expect(host.engines['node-llama-cpp']).toEqual({ version: '9.9.9', path: packageDir });
  });
});

describe('detectHost results', () => {
  it('always form a valid host file', async () => {
    const tools = await fakeTools();
    await tools.tool('nvidia-smi', nvidiaSmi(gpuRows(2)));
    await tools.tool('python3', fakePython({ vllm: '0.11.0', torch: '2.8.0' }));
    const { host } = await detect(tools.bin);
    expect(parseHostInfo(JSON.parse(JSON.stringify(host)))).toEqual(host);
    expect(host.cpu?.cores).toBeGreaterThan(0);
    expect(host.memoryBytes).toBeGreaterThan(0);
  });

  it('are cached per process until refresh is asked for', async () => {
    const tools = await fakeTools();
    await tools.tool('nvidia-smi', nvidiaSmi(gpuRows(1)));
    const options = { env: { PATH: tools.bin } };
    const first = await detectHostReport({ ...options, refresh: true });
    await tools.tool('nvidia-smi', nvidiaSmi(gpuRows(4)));
    expect(await detectHostReport(options)).toBe(first);
    const refreshed = await detectHostReport({ ...options, refresh: true });
    expect(refreshed.host.gpus).toHaveLength(4);
    expect(await detectHostReport(options)).toBe(refreshed);
  });
});
