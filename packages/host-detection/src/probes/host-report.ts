import type { HostInfo } from '@switchyard/core';

/** How one probe went. A tool that is simply not installed is a probe that worked. */
export interface ProbeReport {
  readonly name: string;
  /** False when the probe failed: its tool crashed, hung past the timeout or printed garbage. */
  readonly ok: boolean;
  readonly durationMs: number;
  /** What it found, in a few words, e.g. "2 NVIDIA GPUs" or "not on PATH". */
  readonly summary: string;
  /** Why it failed, when it did. */
  readonly error?: string;
}

/** The detected host and how each probe that went into it fared. */
export interface HostReport {
  readonly host: HostInfo;
  readonly probes: readonly ProbeReport[];
}
