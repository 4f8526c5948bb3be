import type { HostInfo } from '../host/host-info.js';
import type { ModelSpec } from '../spec/model-spec.js';

/** One backend's standing in a selection; this is also the CLI's JSON shape. */
export interface Candidate {
  readonly backend: string;
  readonly priority: number;
  readonly eligible: boolean;
  readonly reasons: readonly string[];
}

/** The outcome of a selection: eligible candidates first, best first. */
export interface Selection {
  readonly spec: ModelSpec;
  readonly host: HostInfo;
  readonly chosen: string | null;
  readonly candidates: readonly Candidate[];
}

export interface SelectOptions {
  /** Pins one engine by name; an error explains why when it cannot run the model. */
  readonly engine?: string;
  /** Engine names to try first, in order, among the eligible ones. */
  readonly prefer?: readonly string[];
}
