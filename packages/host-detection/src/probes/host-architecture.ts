import { ARCHITECTURES, type HostInfo } from '../host-info.js';
import { UnsupportedHostError } from '../unsupported-host-error.js';

/** The host's architecture from Node's `process.arch`; an architecture HostInfo cannot hold is an error. */
export function hostArchitecture(nodeArch: string): HostInfo['arch'] {
  const arch = ARCHITECTURES.find((known) => known === nodeArch);
  if (!arch) throw new UnsupportedHostError(nodeArch);
  return arch;
}
