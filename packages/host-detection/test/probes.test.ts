import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Systeminformation } from 'systeminformation';
import { describe, expect, it } from 'vitest';
import { parseSysctl } from '../src/probes/apple-silicon-probe.js';
import { controllersToGpus } from '../src/probes/graphics-probe.js';
import { hostArchitecture } from '../src/probes/host-architecture.js';
import { probeNodeLlamaCpp } from '../src/probes/node-llama-cpp-probe.js';
import type { ProbeContext } from '../src/probes/probe-context.js';
import { probePython } from '../src/probes/python-probe.js';
import { runProbes } from '../src/probes/run-probes.js';
import { fakeTools } from './fake-tools.js';

const context = (bin: string, overrides: Partial<ProbeContext> = {}): ProbeContext => ({
  env: { PATH: bin },
  cwd: bin,
  timeoutMs: 5000,
  platform: 'linux',
  arch: 'x64',
  sysfs: join(bin, 'no-sysfs'),
  nodeModulesFrom: [join(bin, 'package.json')],
  runtimes: [],
  ...overrides,
});

describe('Apple silicon', () => {
  it('recognises an arm64 Mac and its chip', () => {
    const output = 'hw.optional.arm64: 1\nsysctl.proc_translated: 0\nmachdep.cpu.brand_string: Apple M2 Pro\n';
    expect(parseSysctl(output, 'arm64')).toEqual({ chip: 'Apple M2 Pro', translated: false });
  });

  it('sees through Rosetta, which may hide the chip name', () => {
    const output = 'hw.optional.arm64: 1\nsysctl.proc_translated: 1\nmachdep.cpu.brand_string: VirtualApple @ 2.50GHz';
    expect(parseSysctl(output, 'x64')).toEqual({ chip: 'Apple silicon', translated: true });
  });

  it('says an Intel Mac is not Apple silicon', () => {
    expect(parseSysctl('machdep.cpu.brand_string: Intel(R) Core(TM) i9-9980HK', 'x64')).toBeUndefined();
  });

  it('reports arch arm64 and an apple GPU with unified memory when x64 Node runs under Rosetta', async () => {
    const tools = await fakeTools();
    await tools.tool(
      'sysctl',
      "echo 'hw.optional.arm64: 1'\necho 'sysctl.proc_translated: 1'\necho 'machdep.cpu.brand_string: Apple M1 Max'",
    );
    const { host, probes } = await runProbes(context(tools.bin, { platform: 'darwin', arch: 'x64' }));
    expect(host.os).toBe('darwin');
    expect(host.arch).toBe('arm64');
    expect(host.gpus).toEqual([
      { index: 0, vendor: 'apple', name: 'Apple M1 Max', memoryMiB: Math.round((host.memoryBytes ?? 0) / 1024 ** 2) },
    ]);
    expect(probes.find((p) => p.name === 'apple-silicon')?.summary).toBe('Apple M1 Max (Node runs under Rosetta)');
    expect(probes.find((p) => p.name === 'graphics')).toBeUndefined();
  });
});

describe('systeminformation graphics', () => {
  const controller = (fields: Partial<Systeminformation.GraphicsControllerData>) =>
    ({
      vendor: '',
      model: '',
      bus: '',
      vram: null,
      vramDynamic: false,
      ...fields,
    }) as Systeminformation.GraphicsControllerData;

  it('keeps AMD, Intel and NVIDIA GPUs with memory where known, and drops display adapters', async () => {
    const tools = await fakeTools();
    const gpus = await controllersToGpus(
      [
        controller({ vendor: 'ASPEED Technology, Inc.', model: 'ASPEED Graphics Family', vram: 64 }),
        controller({ vendor: 'Advanced Micro Devices, Inc. [AMD/ATI]', model: 'Radeon RX 7900 XTX', vram: 24560 }),
        controller({ vendor: 'Intel Corporation', model: 'Arc A770', vram: 16384 }),
        controller({ vendor: 'Intel Corporation', model: 'UHD Graphics 630', vram: 1024, vramDynamic: true }),
        controller({ vendor: 'NVIDIA Corporation', model: 'GeForce RTX 4090', vram: 24564 }),
      ],
      context(tools.bin, { platform: 'win32' }),
    );
    expect(gpus).toEqual([
      { index: 0, vendor: 'amd', name: 'Radeon RX 7900 XTX', memoryMiB: 24560 },
      { index: 1, vendor: 'intel', name: 'Arc A770', memoryMiB: 16384 },
      { index: 2, vendor: 'intel', name: 'UHD Graphics 630' },
      { index: 3, vendor: 'nvidia', name: 'GeForce RTX 4090', memoryMiB: 24564 },
    ]);
  });

  /** A sysfs with one amdgpu card at PCI address 0000:03:00.0 holding `vramBytes`. */
  async function fakeSysfs(root: string, vramBytes: number) {
    const device = join(root, 'devices/pci0000:00/0000:03:00.0');
    await mkdir(device, { recursive: true });
    await writeFile(join(device, 'mem_info_vram_total'), `${vramBytes}\n`);
    await mkdir(join(root, 'class/drm/card1'), { recursive: true });
    await symlink(device, join(root, 'class/drm/card1/device'));
    return root;
  }

  // lspci's largest BAR, which is what systeminformation reports as vram on Linux.
  const mi250x = controller({
    vendor: 'Advanced Micro Devices, Inc. [AMD/ATI]',
    model: 'Aldebaran/MI200 [Instinct MI250X]',
    busAddress: '03:00.0',
    vram: 256,
  });

  it('on Linux, takes an AMD GPU memory from amdgpu in sysfs, not the PCI BAR', async () => {
    const tools = await fakeTools();
    const sysfs = await fakeSysfs(join(tools.root, 'sys'), 68702699520);
    const gpus = await controllersToGpus([mi250x], context(tools.bin, { platform: 'linux', sysfs }));
    expect(gpus).toEqual([{ index: 0, vendor: 'amd', name: 'Aldebaran/MI200 [Instinct MI250X]', memoryMiB: 65520 }]);
  });

  it('on Linux, leaves the memory out where sysfs does not state it', async () => {
    const tools = await fakeTools();
    const gpus = await controllersToGpus([mi250x], context(tools.bin, { platform: 'linux' }));
    expect(gpus).toEqual([{ index: 0, vendor: 'amd', name: 'Aldebaran/MI200 [Instinct MI250X]' }]);
  });
});

describe('host architecture', () => {
  it.each(['x64', 'arm64'] as const)('is %s for Node on %s', (arch) => {
    expect(hostArchitecture(arch)).toBe(arch);
  });

  it.each(['ppc64', 'ia32', 'arm', 's390x'])(
    'is an unsupported host on %s, which --host-file can stand in for',
    (arch) => {
      expect(() => hostArchitecture(arch)).toThrow(
        expect.objectContaining({
          name: 'UnsupportedHostError',
          code: 'UNSUPPORTED_HOST',
          message: `This machine's CPU architecture is ${arch}; Switchyard describes x64 and arm64 hosts only.`,
          hint: expect.stringContaining('--host-file'),
        }),
      );
    },
  );

  it('fails detection with that error before any probe runs', async () => {
    const tools = await fakeTools();
    const ran = join(tools.root, 'nvidia-smi-ran');
    await tools.tool('nvidia-smi', `touch '${ran}'`);
    await expect(runProbes(context(tools.bin, { arch: 'ppc64' }))).rejects.toMatchObject({ code: 'UNSUPPORTED_HOST' });
    expect(existsSync(ran)).toBe(false);
  });
});

describe('node-llama-cpp', () => {
  it('is absent when no node_modules on the way up holds it', async () => {
    const tools = await fakeTools();
    const { value, summary } = await probeNodeLlamaCpp(context(tools.bin));
    expect(value).toBeUndefined();
    expect(summary).toBe('not installed in this project');
  });
});

const realPython = (() => {
  try {
    execFileSync('python3', ['-c', 'import importlib.metadata'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
})();

describe.skipIf(!realPython)('the Python probe on a real interpreter', () => {
  it('reads versions from package metadata without importing the packages', async () => {
    const tools = await fakeTools();
    const site = join(tools.root, 'site');
    // Metadata only: there is no module to import, so finding them proves nothing was imported.
    for (const [directory, name, version] of [
      ['vllm-0.11.0.dist-info', 'vllm', '0.11.0'],
      ['mlx_lm-0.28.1.dist-info', 'mlx-lm', '0.28.1'],
      ['llama_cpp_python-0.3.16.dist-info', 'llama_cpp_python', '0.3.16'],
    ] as const) {
      await mkdir(join(site, directory), { recursive: true });
      await writeFile(join(site, directory, 'METADATA'), `Metadata-Version: 2.1\nName: ${name}\nVersion: ${version}\n`);
    }
    const env = { ...process.env, PYTHONPATH: site };
    const { value } = await probePython(context(tools.bin, { env }));
    expect(Object.fromEntries(Object.entries(value).map(([name, install]) => [name, install.version]))).toMatchObject({
      vllm: '0.11.0',
      'mlx-lm': '0.28.1',
      'llama-cpp-python': '0.3.16',
    });
    expect(value.vllm?.path).toMatch(/python/);
  });

  it('reads an engine’s model registry from its source files, never importing the engine', async () => {
    const tools = await fakeTools();
    const site = join(tools.root, 'site');
    await mkdir(join(site, 'vllm-0.11.0.dist-info'), { recursive: true });
    await writeFile(
      join(site, 'vllm-0.11.0.dist-info', 'METADATA'),
      'Metadata-Version: 2.1\nName: vllm\nVersion: 0.11.0\n',
    );
    // Importing the package would exit the interpreter, and the probe would answer nothing.
    await mkdir(join(site, 'vllm', 'models'), { recursive: true });
    await writeFile(join(site, 'vllm', '__init__.py'), 'import sys\nsys.exit(7)\n');
    await writeFile(join(site, 'vllm', 'models', 'a.py'), 'EntryClass = [FooForCausalLM, BarForCausalLM]\n');
    await writeFile(join(site, 'vllm', 'models', 'b.py'), 'EntryClass = BazForCausalLM\n');
    const registry = {
      module: 'vllm',
      files: ['models/*.py', 'missing.py'],
      architecturesIn: (text: string) => [...text.matchAll(/[A-Z]\w+ForCausalLM/g)].map((match) => match[0]),
    };
    const runtimes = [{ name: 'vllm', pythonPackage: 'vllm', modelRegistry: registry }];
    const { value, summary } = await probePython(
      context(tools.bin, { env: { ...process.env, PYTHONPATH: site }, runtimes }),
    );
    expect(value.vllm?.architectures).toEqual(['BarForCausalLM', 'BazForCausalLM', 'FooForCausalLM']);
    expect(summary).toContain('vllm 0.11.0 (3 architectures in its registry)');
  });
});
