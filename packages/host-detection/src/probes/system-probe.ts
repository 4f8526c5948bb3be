import type { HostInfo } from '@switchyard/core';
import type { Probed } from './probe-context.js';

export type SystemInfo = Pick<HostInfo, 'cpu' | 'memoryBytes' | 'memoryFreeBytes'>;

const GIB = 1024 ** 3;

/** CPU model and cores, and memory, from systeminformation's cheap calls (no slow tools). */
export async function probeSystem(): Promise<Probed<SystemInfo>> {
  // Loaded here so that planning with --host-file never pays for it.
  const { default: si } = await import('systeminformation');
  const [cpu, memory] = await Promise.all([si.cpu(), si.mem()]);
  const model = [cpu.manufacturer, cpu.brand].filter(Boolean).join(' ') || 'unknown CPU';
  const cores = Math.max(1, cpu.cores);
  return {
    value: { cpu: { model, cores }, memoryBytes: memory.total, memoryFreeBytes: memory.available },
    summary: `${model}, ${cores} cores, ${(memory.total / GIB).toFixed(1)} GiB`,
  };
}
