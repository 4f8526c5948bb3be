import { InvalidInputError } from '../errors/invalid-input-error.js';
import type { HostInfo } from '../host/host-info.js';

/**
 * The host as the engine will see it with the `gpus` option: only the named GPUs, so that a model
 * is sized for the memory it will really have. An index the host does not have is an input error.
 */
export function hostWithGpus(host: HostInfo, gpus: readonly number[] | undefined): HostInfo {
  if (gpus === undefined) return host;
  if (host.gpus.length === 0) {
    throw new InvalidInputError(
      'gpus',
      [
        {
          field: 'gpus',
          message: `this host has no GPU, so there is no GPU ${gpus.join(', ')} to use; leave \`gpus\` out`,
        },
      ],
      'Leave `gpus` out on a host without GPUs.',
    );
  }
  const known = host.gpus.map((gpu) => gpu.index);
  const unknown = gpus.filter((index) => !known.includes(index));
  if (unknown.length > 0) {
    throw new InvalidInputError(
      'gpus',
      [{ field: 'gpus', message: `this host has no GPU ${unknown.join(', ')}; its GPUs are ${known.join(', ')}` }],
      'Name only GPUs this host has in `gpus`.',
    );
  }
  return { ...host, gpus: host.gpus.filter((gpu) => gpus.includes(gpu.index)) };
}
