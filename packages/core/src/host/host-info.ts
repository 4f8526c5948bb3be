import { z } from 'zod';
import { parseInput } from '../input/parse-input.js';

export const OPERATING_SYSTEMS = ['linux', 'darwin', 'win32'] as const;
export const ARCHITECTURES = ['x64', 'arm64'] as const;
export const GPU_VENDORS = ['nvidia', 'amd', 'apple', 'intel', 'other'] as const;

/**
 * Runtime keys the first-party backends look for in `HostInfo.engines`. Third-party plugins may
 * use keys of their own; the schema accepts any.
 */
export const KNOWN_RUNTIMES = [
  'vllm',
  'sglang',
  'transformers',
  'torch',
  'mlx-lm',
  'llama-cpp-python',
  'llama-server',
  'node-llama-cpp',
] as const;
export type KnownRuntime = (typeof KNOWN_RUNTIMES)[number];

const oneOf = <const T extends readonly [string, ...string[]]>(field: string, values: T) =>
  z.enum(values, {
    error: (issue) =>
      `${issue.input === undefined ? `${field} is required` : `"${String(issue.input)}" is not a valid ${field}`}; use one of ${values.join(', ')}`,
  });

/** More GPUs than any one machine has: a host file listing more is a mistake (or an attack). */
const MAX_GPUS = 1024;

export const GpuInfoSchema = z.strictObject({
  index: z.number().int().nonnegative(),
  vendor: oneOf('vendor', GPU_VENDORS),
  name: z.string(),
  // The largest GPUs have a few hundred GiB; 16 TiB leaves room and keeps sums finite (not 1e308).
  memoryMiB: z
    .number()
    .nonnegative()
    .max(16 * 1024 ** 2, 'memoryMiB must be at most 16 TiB (16777216 MiB)')
    .optional(),
  /** Memory not in use when the host was described (nvidia-smi `memory.free`); plans size launches to it. */
  memoryFreeMiB: z
    .number()
    .nonnegative()
    .max(16 * 1024 ** 2, 'memoryFreeMiB must be at most 16 TiB (16777216 MiB)')
    .optional(),
  /** CUDA compute capability such as "8.9"; NVIDIA only. */
  computeCapability: z
    .string()
    .regex(/^\d+\.\d+$/, 'write a compute capability as major.minor, e.g. "8.9"')
    .optional(),
  driverVersion: z.string().optional(),
});

export const EngineInstallSchema = z.strictObject({
  version: z.string(),
  /** Where it was found: the binary's path, or the Python interpreter that has the package. */
  path: z.string().optional(),
  /** A Python package's console scripts by command name, e.g. `{"vllm": "/opt/venv/bin/vllm"}`. */
  scripts: z.record(z.string(), z.string()).optional(),
  /** The model architectures the installed engine's own model registry lists (read from its source files). */
  architectures: z.array(z.string()).optional(),
});

export const HostInfoSchema = z
  .strictObject({
    os: oneOf('os', OPERATING_SYSTEMS),
    arch: oneOf('arch', ARCHITECTURES),
    cpu: z
      .strictObject({ model: z.string(), cores: z.number().int().positive().max(65_536, 'at most 65536 cores') })
      .optional(),
    memoryBytes: z
      .number()
      .nonnegative()
      .max(2 ** 50, 'memoryBytes must be at most 1 PiB')
      .optional(),
    /** RAM available for new processes when the host was described (the kernel's MemAvailable). */
    memoryFreeBytes: z
      .number()
      .nonnegative()
      .max(2 ** 50, 'memoryFreeBytes must be at most 1 PiB')
      .optional(),
    gpus: z.array(GpuInfoSchema).max(MAX_GPUS, `a host has at most ${MAX_GPUS} GPUs here`).default([]),
    engines: z.record(z.string(), EngineInstallSchema).default({}),
  })
  .superRefine((host, ctx) => {
    const seen = new Set<number>();
    host.gpus.forEach((gpu, i) => {
      if (seen.has(gpu.index)) {
        ctx.addIssue({ code: 'custom', path: ['gpus', i, 'index'], message: `GPU index ${gpu.index} is listed twice` });
      }
      seen.add(gpu.index);
      if (gpu.memoryFreeMiB !== undefined && gpu.memoryMiB !== undefined && gpu.memoryFreeMiB > gpu.memoryMiB) {
        ctx.addIssue({
          code: 'custom',
          path: ['gpus', i, 'memoryFreeMiB'],
          message: `${gpu.memoryFreeMiB} MiB free is more than the GPU's ${gpu.memoryMiB} MiB; give memoryFreeMiB at most memoryMiB`,
        });
      }
      if (gpu.computeCapability !== undefined && gpu.vendor !== 'nvidia') {
        ctx.addIssue({
          code: 'custom',
          path: ['gpus', i, 'computeCapability'],
          message: `only NVIDIA GPUs have a compute capability; remove it or set vendor to "nvidia"`,
        });
      }
    });
  });

export type GpuInfo = z.output<typeof GpuInfoSchema>;
export type EngineInstall = z.output<typeof EngineInstallSchema>;
export type HostInfo = z.output<typeof HostInfoSchema>;
export type HostInfoInput = z.input<typeof HostInfoSchema>;

/** Validates a host description, e.g. one read from `--host-file`. */
export function parseHostInfo(
  input: unknown,
  source = 'host description',
  hint = 'Fix the fields named; `detectHost()` describes this machine in the shape expected.',
): HostInfo {
  return parseInput(HostInfoSchema, input, source, hint);
}

export function nvidiaGpus(host: HostInfo): GpuInfo[] {
  return host.gpus.filter((gpu) => gpu.vendor === 'nvidia');
}
