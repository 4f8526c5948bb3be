import type { HostInfo } from '../host/host-info.js';
import type { MemoryFit } from '../memory/memory-policy.js';
import type { ModelSpec } from '../spec/model-spec.js';

/** One backend's standing in a selection; this is also the CLI's JSON shape. */
export interface Candidate {
  readonly backend: string;
  readonly priority: number;
  readonly eligible: boolean;
  readonly reasons: readonly string[];
}

/** A spec the selection weighed: the engine that would run it (null when none) and its memory fit. */
export interface ConsideredSpec {
  readonly spec: ModelSpec;
  readonly engine: string | null;
  readonly fit: MemoryFit;
}

/** The outcome of a selection: which spec, which engine, and why; eligible candidates first, best first. */
export interface Selection {
  /** The spec picked among those the model reference names. */
  readonly spec: ModelSpec;
  readonly host: HostInfo;
  /** The engine to run it; null when none can (every candidate then says why). */
  readonly chosen: string | null;
  readonly candidates: readonly Candidate[];
  /** How the picked spec compares with the memory the host offers it (the instance's memory policy). */
  readonly fit: MemoryFit;
  /** Why this spec, for people: how the reference was read, or why this one of its specs. */
  readonly reason: string;
  /** Every spec the reference named, in the order weighed; one for a file or a spec object. */
  readonly considered: readonly ConsideredSpec[];
}

export interface SelectOptions {
  /** Pins one engine by name; an error explains why when it cannot run the model. */
  readonly engine?: string;
  /** Engine names to try first, in order, among the eligible ones. */
  readonly prefer?: readonly string[];
}
