import { type HostInfo, parseHostInfo, rules } from '../../src/index.js';
import { testBackend } from '../fixtures.js';

/**
 * Engines with the rule shapes of the real ones (core cannot depend on the backend packages), so the
 * catalog's choices can be checked against known eligibility.
 */
export const gpuServer = testBackend('gpuserver', 100, [
  rules.format('GPUSERVER', ['pytorch', 'gptq', 'awq']),
  rules.quantization('GPUSERVER', { pytorch: ['none'], awq: ['Int4'], gptq: ['Int3', 'Int4', 'Int8'] }),
  rules.os('GPUSERVER', ['linux']),
  rules.nvidiaGpu('GPUSERVER'),
  rules.installed('GPUSERVER', 'gpuserver', 'pip install gpuserver'),
]);

export const appleRuntime = testBackend('appleruntime', 80, [
  rules.format('APPLERUNTIME', ['mlx']),
  rules.os('APPLERUNTIME', ['darwin']),
  rules.installed('APPLERUNTIME', 'appleruntime', 'pip install appleruntime'),
]);

export const ggufRunner = testBackend('ggufrunner', 70, [
  rules.format('GGUFRUNNER', ['ggufv2']),
  rules.installed('GGUFRUNNER', 'ggufrunner', 'install ggufrunner'),
]);

export const fallback = testBackend('fallback', 10, [
  rules.format('FALLBACK', ['pytorch', 'gptq', 'awq', 'bnb']),
  rules.installed('FALLBACK', 'fallback', 'pip install fallback'),
]);

export const ALL_ENGINES = [fallback, ggufRunner, gpuServer, appleRuntime];

const engines = (names: string[]) => Object.fromEntries(names.map((name) => [name, { version: '1.0' }]));

export function linuxGpuHost(memoryMiB: number[], installed: string[]): HostInfo {
  return parseHostInfo({
    os: 'linux',
    arch: 'x64',
    memoryBytes: 64 * 2 ** 30,
    gpus: memoryMiB.map((mib, index) => ({ index, vendor: 'nvidia', name: 'GPU', memoryMiB: mib })),
    engines: engines(installed),
  });
}

export const hosts = {
  rtx4090: linuxGpuHost([24564], ['gpuserver', 'ggufrunner', 'fallback']),
  eightH100: linuxGpuHost(Array(8).fill(81559), ['gpuserver', 'fallback']),
  unknownMemory: parseHostInfo({
    os: 'linux',
    arch: 'x64',
    gpus: [{ index: 0, vendor: 'nvidia', name: 'GPU' }],
    engines: engines(['gpuserver']),
  }),
  mac: parseHostInfo({
    os: 'darwin',
    arch: 'arm64',
    memoryBytes: 32 * 2 ** 30,
    gpus: [{ index: 0, vendor: 'apple', name: 'Apple M2 Pro' }],
    engines: engines(['appleruntime', 'ggufrunner']),
  }),
  cpuOnly: parseHostInfo({
    os: 'linux',
    arch: 'x64',
    memoryBytes: 16 * 2 ** 30,
    engines: engines(['ggufrunner', 'fallback']),
  }),
};
