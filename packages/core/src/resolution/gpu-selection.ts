import { type HostInfo, InvalidInputError } from '@switchyard/core';

/**
 * The host as the engine will see it with `--gpus`: only the named GPUs, so that a catalog model is
 * sized for the memory it will really have. An index the host does not have is an input error.
 */
export function hostWithGpus(host: HostInfo, gpus: readonly number[] | undefined): HostInfo {
  if (gpus === undefined) return host;
  if (host.gpus.length === 0) {
    throw new InvalidInputError('--gpus', [
      {
        field: '--gpus',
        message: `this host has no GPU (see \`switchyard host\`), so there is no GPU ${gpus.join(', ')} to use; leave --gpus out`,
      },
    ]);
  }
  const known = host.gpus.map((gpu) => gpu.index);
  const unknown = gpus.filter((index) => !known.includes(index));
  if (unknown.length > 0) {
    throw new InvalidInputError('--gpus', [
      {
        field: '--gpus',
        message: `this host has no GPU ${unknown.join(', ')}; its GPUs are ${known.join(', ')} (see \`switchyard host\`)`,
      },
    ]);
  }
  return { ...host, gpus: host.gpus.filter((gpu) => gpus.includes(gpu.index)) };
}
