import type { GpuInfo } from '../host-info.js';
import { findExecutable } from './find-executable.js';
import type { ProbeContext, Probed } from './probe-context.js';
import { ProbeError } from './probe-error.js';
import { runTool } from './run-tool.js';

const FIELDS = ['index', 'name', 'memory.total', 'compute_cap', 'driver_version'];
const queryArgs = (fields: readonly string[]) => [`--query-gpu=${fields.join(',')}`, '--format=csv,noheader,nounits'];

/**
 * NVIDIA GPUs as nvidia-smi lists them. The value is undefined when nvidia-smi is not on PATH, so
 * the caller knows to ask systeminformation instead.
 */
export async function probeNvidiaSmi(context: ProbeContext): Promise<Probed<GpuInfo[] | undefined>> {
  const smi = findExecutable('nvidia-smi', context.env, context.cwd);
  if (!smi) return { value: undefined, summary: 'not on PATH' };
  const gpus = parseNvidiaSmi(await query(smi, context));
  const memory = gpus.map((gpu) => (gpu.memoryMiB === undefined ? '' : ` ${Math.round(gpu.memoryMiB / 1024)} GiB`));
  const summary =
    gpus.length === 0 ? 'no NVIDIA GPU found' : gpus.map((gpu, i) => `${gpu.name}${memory[i]}`).join(', ');
  return { value: gpus, summary };
}

async function query(smi: string, context: ProbeContext): Promise<string> {
  try {
    return (await runTool(smi, queryArgs(FIELDS), context)).stdout;
  } catch (error) {
    const message = (error as Error).message;
    // A machine with the driver but no GPU says so and exits non-zero; that is an answer.
    if (/no devices were found/i.test(message)) return '';
    // Drivers older than 510 do not know compute_cap; ask again without it.
    if (/compute_cap/.test(message)) {
      return (await runTool(smi, queryArgs(FIELDS.filter((field) => field !== 'compute_cap')), context)).stdout;
    }
    throw error;
  }
}

/**
 * Parses `index, name, memory.total, compute_cap, driver_version` lines (compute_cap may be
 * missing). A line of another shape means nvidia-smi printed something else: an error.
 */
export function parseNvidiaSmi(csv: string): GpuInfo[] {
  const lines = csv.split(/\r?\n/).filter((line) => line.trim() !== '');
  if (lines.length === 1 && /no devices were found/i.test(lines[0] ?? '')) return [];
  return lines.map((line) => {
    const fields = line.split(',').map((field) => field.trim());
    const index = fields[0] ?? '';
    const name = fields[1] ?? '';
    if ((fields.length !== 5 && fields.length !== 4) || !/^\d+$/.test(index) || name === '') {
      throw new ProbeError(
        `nvidia-smi printed a line that is not a GPU row: "${line.trim().slice(0, 120)}"`,
        'Run `nvidia-smi` yourself to see whether the driver works.',
      );
    }
    const [memory, capability, driver] =
      fields.length === 5 ? [fields[2], fields[3], fields[4]] : [fields[2], undefined, fields[3]];
    const gpu: GpuInfo = { index: Number(index), vendor: 'nvidia', name };
    const memoryMiB = Number(memory);
    if (memory && Number.isFinite(memoryMiB)) gpu.memoryMiB = memoryMiB;
    if (capability && /^\d+\.\d+$/.test(capability)) gpu.computeCapability = capability;
    if (driver && !driver.includes('N/A')) gpu.driverVersion = driver;
    return gpu;
  });
}
