import type { HostInfo } from '@switchyard/core';
import { countPrefix, groupGpus } from './gpu-groups.js';

const GIB = 1024 ** 3;

/** One line about a host: OS, GPUs and installed engines. */
export function describeHost(host: HostInfo): string {
  const gpus =
    host.gpus.length === 0
      ? 'no GPU'
      : groupGpus(host.gpus)
          .map((group) => {
            const { vendor, name, memoryMiB } = group.gpu;
            return `${countPrefix(group)}${vendor} ${name}${memoryMiB ? ` (${Math.round(memoryMiB / 1024)} GiB)` : ''}`;
          })
          .join(', ');
  const engines = Object.entries(host.engines)
    .map(([name, install]) => `${name} ${install.version}`)
    .join(', ');
  const memory = host.memoryBytes ? `, ${Math.round(host.memoryBytes / GIB)} GiB RAM` : '';
  return `${host.os}/${host.arch}${memory}, ${gpus}; engines: ${engines || 'none found'}`;
}
