import type { Candidate, HostInfo, MemoryBudget, MemoryFit, ModelSpec } from '@switchyard/core';
import type { NodeClass, SkippedNode } from '../cluster/node-class.js';

/** Where one class could run the model: the engine, and the fewest GPUs it fits in. */
export interface ClassFit {
  readonly engine: string;
  /** GPUs one replica gets (0 on CPU nodes); the fewest the model fits in. */
  readonly gpus: number;
  readonly memory: MemoryFit;
  /** One node of the class holding one replica, as selection saw it. */
  readonly host: HostInfo;
}

/** How far a class is from holding one replica: an engine could run the model, but its memory is short. */
export interface Shortfall {
  readonly neededBytes: number;
  readonly budget: MemoryBudget | undefined;
  /** The most GPUs a replica could get there (0 on CPU nodes). */
  readonly gpus: number;
}

/** One class's verdict: whether the Deployment goes there, and why or why not. */
export interface ClassVerdict {
  readonly nodeClass: NodeClass;
  readonly chosen: boolean;
  /** Set when an engine can run the model on one node of the class. */
  readonly fit?: ClassFit;
  /** Set when the class is too small for one replica. */
  readonly shortfall?: Shortfall;
  /** Why the class was or was not used, one sentence each. */
  readonly reasons: readonly string[];
  /** Every engine's verdict on one node of the class, best first (empty when the class was not judged). */
  readonly candidates: readonly Candidate[];
}

/** The model's placement on a cluster: the spec, the chosen class and every class's verdict. */
export interface Placement {
  readonly spec: ModelSpec;
  /** How MODEL was understood (which catalog spec and why), when it was a catalog name. */
  readonly specReason?: string;
  /** The class the Deployment is pinned to; undefined when none can run the model. */
  readonly chosen: ClassVerdict | undefined;
  /** Best first: the chosen class, the others that could run the model, then those that cannot. */
  readonly classes: readonly ClassVerdict[];
  /** Nodes set aside before placement (cordoned, tainted). */
  readonly skipped: readonly SkippedNode[];
  /** Why no class was chosen, with the numbers; set exactly when `chosen` is undefined. */
  readonly refusal?: string;
}
