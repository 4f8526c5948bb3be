import { ARCHITECTURES, type HostInfo, UnsupportedHostError } from '@switchyard/core';

/** The host's architecture from Node's `process.arch`; an architecture HostInfo cannot hold is an error. */
export function hostArchitecture(nodeArch: string): HostInfo['arch'] {
  const arch = ARCHITECTURES.find((known) => known === nodeArch);
  if (!arch) throw new UnsupportedHostError(nodeArch);
  return arch;
}
