import { SwitchyardError } from '@switchyard/core';

/** A probe could not tell: its tool failed, hung or printed something it could not read. */
export class ProbeError extends SwitchyardError {
  constructor(message: string, hint?: string) {
    super('PROBE_FAILED', message, hint ? { hint } : {});
  }
}
