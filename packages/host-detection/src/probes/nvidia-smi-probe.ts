import type { GpuInfo } from '@switchyard/core';
import { findExecutable } from './find-executable.js';
import type { ProbeContext, Probed } from './probe-context.js';
import { ProbeError } from './probe-error.js';
import { firstLine, runTool } from './run-tool.js';
import { ToolExitError } from './tool-exit-error.js';

/** memory.free is what a launch can count on: other processes' allocations are already taken out. */
const FIELDS = ['index', 'name', 'memory.total', 'memory.free', 'compute_cap', 'driver_version'] as const;
type Field = (typeof FIELDS)[number];
const WITHOUT_COMPUTE_CAP = FIELDS.filter((field) => field !== 'compute_cap');
const queryArgs = (fields: readonly string[]) => [`--query-gpu=${fields.join(',')}`, '--format=csv,noheader,nounits'];

/** What nvidia-smi printed, and how it failed when it exited non-zero: the rows it gave still count. */
interface Answer {
  readonly stdout: string;
  readonly failure?: ToolExitError;
  /** The fields asked for, in the order of each row's columns. */
  readonly fields: readonly Field[];
}

/** The GPU rows of nvidia-smi's answer, and the lines that were not GPU rows. */
export interface ParsedNvidiaSmi {
  readonly gpus: GpuInfo[];
  readonly skipped: string[];
}

/**
 * NVIDIA GPUs as nvidia-smi lists them. The value is undefined when nvidia-smi is not on PATH, so
 * the caller knows to ask systeminformation instead. A line that is not a GPU row (a warning, a
 * GPU the driver lost) leaves the other GPUs in and is named in the summary.
 */
export async function probeNvidiaSmi(context: ProbeContext): Promise<Probed<GpuInfo[] | undefined>> {
  const smi = findExecutable('nvidia-smi', context.env, context.cwd);
  if (!smi) return { value: undefined, summary: 'not on PATH' };
  const { stdout, failure, fields } = await query(smi, context);
  const { gpus, skipped } = parseNvidiaSmi(stdout, fields);
  if (gpus.length === 0 && failure) throw failure;
  if (gpus.length === 0 && skipped[0] !== undefined) {
    throw new ProbeError(
      `nvidia-smi printed a line that is not a GPU row: "${skipped[0]}"`,
      'Run `nvidia-smi` yourself to see whether the driver works.',
    );
  }
  const memory = gpus.map((gpu) => (gpu.memoryMiB === undefined ? '' : ` ${Math.round(gpu.memoryMiB / 1024)} GiB`));
  const found = gpus.length === 0 ? 'no NVIDIA GPU found' : gpus.map((gpu, i) => `${gpu.name}${memory[i]}`).join(', ');
  return { value: gpus, summary: [found, ...troubles(skipped, failure)].join('; ') };
}

async function query(smi: string, context: ProbeContext): Promise<Answer> {
  const answer = await ask(smi, FIELDS, context);
  // A machine with the driver but no GPU says so and exits non-zero; that is an answer.
  if (answer.failure && /no devices were found/i.test(answer.failure.message)) return { stdout: '', fields: FIELDS };
  // Drivers older than 510 do not know compute_cap; ask again without it.
  if (answer.failure && /compute_cap/.test(answer.failure.message)) return ask(smi, WITHOUT_COMPUTE_CAP, context);
  return answer;
}

async function ask(smi: string, fields: readonly Field[], context: ProbeContext): Promise<Answer> {
  try {
    return { ...(await runTool(smi, queryArgs(fields), context)), fields };
  } catch (error) {
    if (error instanceof ToolExitError) return { stdout: error.output.stdout, failure: error, fields };
    throw error;
  }
}

/** What went wrong beside the GPUs found, in words the probe's summary can carry. */
function troubles(skipped: readonly string[], failure: ToolExitError | undefined): string[] {
  const notes: string[] = [];
  if (skipped[0] !== undefined) {
    const lines = skipped.length === 1 ? '1 line' : `${skipped.length} lines`;
    notes.push(`skipped ${lines} nvidia-smi printed: ${skipped[0]}${skipped.length > 1 ? ' …' : ''}`);
  }
  if (failure) {
    const complaint = firstLine(failure.output.stderr);
    notes.push(`nvidia-smi exited with code ${failure.exitCode}${complaint ? `: ${complaint}` : ''}`);
  }
  return notes;
}

/**
 * Parses the CSV rows of a `--query-gpu` of `fields` (by default index, name, memory.total,
 * memory.free, compute_cap, driver_version). Lines of another shape are something else nvidia-smi
 * printed: they are set aside.
 */
export function parseNvidiaSmi(csv: string, fields: readonly Field[] = FIELDS): ParsedNvidiaSmi {
  const lines = csv.split(/\r?\n/).filter((line) => line.trim() !== '');
  if (lines.length === 1 && /no devices were found/i.test(lines[0] ?? '')) return { gpus: [], skipped: [] };
  const gpus: GpuInfo[] = [];
  const skipped: string[] = [];
  for (const line of lines) {
    const gpu = parseGpuRow(line, fields);
    if (gpu) gpus.push(gpu);
    else skipped.push(firstLine(line));
  }
  return { gpus, skipped };
}

function parseGpuRow(line: string, fields: readonly Field[]): GpuInfo | undefined {
  const columns = line.split(',').map((column) => column.trim());
  if (columns.length !== fields.length) return undefined;
  const value = (field: Field) => columns[fields.indexOf(field)] ?? '';
  const index = value('index');
  const name = value('name');
  if (!/^\d+$/.test(index) || name === '') return undefined;
  const gpu: GpuInfo = { index: Number(index), vendor: 'nvidia', name };
  const memoryMiB = mebibytes(value('memory.total'));
  if (memoryMiB !== undefined) gpu.memoryMiB = memoryMiB;
  const memoryFreeMiB = mebibytes(value('memory.free'));
  if (memoryFreeMiB !== undefined) gpu.memoryFreeMiB = memoryFreeMiB;
  const capability = value('compute_cap');
  if (/^\d+\.\d+$/.test(capability)) gpu.computeCapability = capability;
  const driver = value('driver_version');
  if (driver && !driver.includes('N/A')) gpu.driverVersion = driver;
  return gpu;
}

/** A memory column; `[N/A]` (some virtual GPUs) and blanks are unknown. */
function mebibytes(column: string): number | undefined {
  const value = Number(column);
  return column !== '' && Number.isFinite(value) ? value : undefined;
}
