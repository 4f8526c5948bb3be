import type { HostInfo } from '@switchyard/core';

const GIB = 1024 ** 3;

/** One line about a host: OS, GPUs and installed engines. */
export function describeHost(host: HostInfo): string {
  const gpus =
    host.gpus.length === 0
      ? 'no GPU'
      : host.gpus
          .map((gpu) => `${gpu.vendor} ${gpu.name}${gpu.memoryMiB ? ` (${Math.round(gpu.memoryMiB / 1024)} GiB)` : ''}`)
          .join(', ');
  const engines = Object.entries(host.engines)
    .map(([name, install]) => `${name} ${install.version}`)
    .join(', ');
  const memory = host.memoryBytes ? `, ${Math.round(host.memoryBytes / GIB)} GiB RAM` : '';
  return `${host.os}/${host.arch}${memory}, ${gpus}; engines: ${engines || 'none found'}`;
}
