import {
  ARCHITECTURES,
  type GpuInfo,
  type HostInfo,
  type HostInfoInput,
  KNOWN_RUNTIMES,
  MODEL_FORMATS,
  type ModelFormat,
  type ModelSpec,
  type ModelSpecInput,
  OPERATING_SYSTEMS,
  parseHostInfo,
  parseModelSpec,
} from '@switchyard/core';
import type { Case } from './finding.js';

/** Quantizations tried for each format: the ones the catalog uses, in its own spellings. */
export const GRID_QUANTIZATIONS: Readonly<Record<ModelFormat, readonly string[]>> = {
  pytorch: ['none', '4-bit', '8-bit'],
  gptq: ['Int3', 'Int4', 'Int8'],
  awq: ['Int4'],
  fp8: ['fp8', 'none'],
  bnb: ['Int4', 'Int8', 'none'],
  ggufv2: ['Q2_K', 'Q4_K_M', 'Q8_0', 'F16'],
  ggmlv3: ['Q4_0'],
  mlx: ['4bit', '8bit', 'none'],
};

/** A quantization no engine knows, tried with every format: rules must cope with the unexpected. */
export const UNKNOWN_QUANTIZATION = 'conformance-unknown';

/** Families most engines list, and one none does. */
export const GRID_FAMILIES: readonly string[] = [
  'llama-3.1-instruct',
  'qwen2.5-instruct',
  'mistral-instruct-v0.3',
  'conformance-unlisted-family',
];

export interface GridOptions {
  /** Families to try instead of GRID_FAMILIES, e.g. the ones your engine lists. */
  readonly families?: readonly string[];
  /** Keys your backend looks for in `host.engines`, besides Switchyard's known runtimes. */
  readonly runtimes?: readonly string[];
  /** Extra models to judge, e.g. the one your engine is made for. */
  readonly specs?: readonly ModelSpecInput[];
  /** Extra hosts to judge them on. */
  readonly hosts?: readonly HostInfoInput[];
}

/** Specs and hosts the checks cross: every (spec, host) pair is one case. */
export interface ConformanceGrid {
  readonly specs: readonly ModelSpec[];
  readonly hosts: readonly HostInfo[];
}

const SIZES = [undefined, 0.5, 8, 70, 405] as const;
const ABILITIES = [['generate'], ['chat'], ['chat', 'vision', 'tools']] as const;
const LOCATIONS = ['hub', 'path', 'name'] as const;

/**
 * Every format with each of its quantizations (and an unknown one), for each family and each way
 * of naming the weights (hub id, local path, bare name); crossed with every OS and architecture,
 * the GPU layouts that exist there (none, one, two and eight NVIDIA GPUs, AMD, Apple), and each
 * installed set (nothing, each runtime alone, all of them). Deterministic and deeply frozen, so a
 * backend that mutates its inputs throws.
 */
export function conformanceGrid(options: GridOptions = {}): ConformanceGrid {
  const families = options.families ?? GRID_FAMILIES;
  const runtimes = [...new Set([...KNOWN_RUNTIMES, ...(options.runtimes ?? [])])];
  const specs = [...gridSpecs(families), ...(options.specs ?? []).map(parseModelSpec)];
  const hosts = [...gridHosts(runtimes), ...(options.hosts ?? []).map((host) => parseHostInfo(host))];
  return { specs: specs.map(deepFreeze), hosts: hosts.map(deepFreeze) };
}

/** Every (spec, host) pair of the grid, specs outermost. */
export function* gridCases(grid: ConformanceGrid): Generator<Case> {
  for (const spec of grid.specs) for (const host of grid.hosts) yield { spec, host };
}

function gridSpecs(families: readonly string[]): ModelSpec[] {
  const specs: ModelSpec[] = [];
  for (const format of MODEL_FORMATS) {
    for (const quantization of [...GRID_QUANTIZATIONS[format], UNKNOWN_QUANTIZATION]) {
      for (const family of families) {
        for (const location of LOCATIONS) {
          const n = specs.length;
          const size = SIZES[n % SIZES.length];
          const name = `${family}-${format}-${quantization}`.toLowerCase();
          specs.push(
            parseModelSpec({
              modelName: name,
              modelFamily: family,
              format,
              quantization,
              abilities: [...(ABILITIES[n % ABILITIES.length] ?? [])],
              ...(size === undefined ? {} : { sizeInBillions: size }),
              ...(n % 2 === 0 ? { contextLength: 8192 } : {}),
              ...(location === 'hub' ? { hubId: `conformance/${name}` } : {}),
              ...(location === 'path' ? { modelPath: weightsPath(name, format) } : {}),
            }),
          );
        }
      }
    }
  }
  return specs;
}

function weightsPath(name: string, format: ModelFormat): string {
  return format === 'ggufv2' || format === 'ggmlv3' ? `/models/${name}.gguf` : `/models/${name}`;
}

type GpuLayout = readonly Omit<GpuInfo, 'index'>[];

const rtx4090 = {
  vendor: 'nvidia',
  name: 'NVIDIA GeForce RTX 4090',
  memoryMiB: 24564,
  computeCapability: '8.9',
} as const;
const a100 = { vendor: 'nvidia', name: 'NVIDIA A100-SXM4-80GB', memoryMiB: 81920, computeCapability: '8.0' } as const;
const h100 = { vendor: 'nvidia', name: 'NVIDIA H100 80GB HBM3', memoryMiB: 81559, computeCapability: '9.0' } as const;
const gh200 = { vendor: 'nvidia', name: 'NVIDIA GH200 480GB', memoryMiB: 97871, computeCapability: '9.0' } as const;
const mi300 = { vendor: 'amd', name: 'AMD Instinct MI300X', memoryMiB: 196608 } as const;
const radeon = { vendor: 'amd', name: 'AMD Radeon Pro 5500M', memoryMiB: 8192 } as const;
const appleM2 = { vendor: 'apple', name: 'Apple M2 Max', memoryMiB: 65536 } as const;

/** The GPU layouts that occur on each OS and architecture. */
function gpuLayouts(os: HostInfo['os'], arch: HostInfo['arch']): GpuLayout[] {
  const none: GpuLayout = [];
  if (os === 'darwin') return arch === 'arm64' ? [none, [appleM2]] : [none, [radeon]];
  if (arch === 'arm64') return os === 'linux' ? [none, [gh200]] : [none];
  if (os === 'win32') return [none, [rtx4090]];
  return [none, [rtx4090], [a100, a100], Array(8).fill(h100), [mi300]];
}

function gridHosts(runtimes: readonly string[]): HostInfo[] {
  const installedSets = [[], ...runtimes.map((runtime) => [runtime]), runtimes];
  const hosts: HostInfo[] = [];
  for (const os of OPERATING_SYSTEMS) {
    for (const arch of ARCHITECTURES) {
      for (const layout of gpuLayouts(os, arch)) {
        for (const installed of installedSets) {
          hosts.push(
            parseHostInfo({
              os,
              arch,
              cpu: { model: 'Conformance CPU', cores: 16 },
              memoryBytes: 64 * 2 ** 30,
              gpus: layout.map((gpu, index) => ({ index, ...gpu })),
              engines: Object.fromEntries(installed.map((runtime) => [runtime, install(runtime)])),
            }),
          );
        }
      }
      // Detection can fail to read the CPU and memory: backends must not rely on them.
      hosts.push(
        parseHostInfo({
          os,
          arch,
          engines: Object.fromEntries(runtimes.map((runtime) => [runtime, install(runtime)])),
        }),
      );
    }
  }
  return hosts;
}

function install(runtime: string) {
  return { version: '1.0.0', path: `/opt/conformance/bin/${runtime}` };
}

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const child of Object.values(value)) deepFreeze(child);
  }
  return value;
}
