import { arch, cpus, platform, totalmem } from 'node:os';
import { type HostInfo, parseHostInfo } from './host-info.js';
import type { DetectOptions } from './host-provider.js';

let cached: Promise<HostInfo> | undefined;

/** Describes the machine this process runs on. Cached for the life of the process. */
export function detectHost(options: DetectOptions = {}): Promise<HostInfo> {
  if (options.refresh || !cached) cached = probe();
  return cached;
}

async function probe(): Promise<HostInfo> {
  const cpuList = cpus();
  return parseHostInfo({
    os: platform(),
    arch: arch(),
    cpu: { model: cpuList[0]?.model ?? 'unknown', cores: Math.max(1, cpuList.length) },
    memoryBytes: totalmem(),
    gpus: [],
    engines: {},
  });
}
