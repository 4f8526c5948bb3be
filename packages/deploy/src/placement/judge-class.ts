import {
  type Backend,
  type Candidate,
  describeBudget,
  gib,
  type MemoryFit,
  type ModelSpec,
  rankBackends,
  weightsMemoryPolicy,
} from '@switchyard/core';
import { classHost, unsupportedPlatform } from '../cluster/class-host.js';
import type { NodeClass } from '../cluster/node-class.js';
import { describeSpec } from './describe-spec.js';
import { gpuCounts } from './gpu-counts.js';
import type { ClassFit, Shortfall } from './placement.js';

export interface ClassContext {
  /** The backends as this class judges them (see backendsForClass), narrowed to `--engine` if given. */
  readonly backends: readonly Backend[];
  readonly engines: Readonly<Record<string, { version: string }>>;
  readonly prefer: readonly string[];
  readonly gpusPerReplica: number | undefined;
}

/** A class judged for one spec: where it fits, or why not. */
export interface ClassJudgement {
  readonly fit?: ClassFit;
  readonly shortfall?: Shortfall;
  /** Why the class cannot run the spec; empty when it can. */
  readonly refusals: readonly string[];
  readonly candidates: readonly Candidate[];
}

/**
 * Judges the spec on one node of the class with each GPU count in turn, fewest first, with the same
 * rules (selection) and memory policy as a single host: the first count where an engine can
 * run it and its weights fit is the class's fit.
 */
export function judgeClass(nodeClass: NodeClass, spec: ModelSpec, context: ClassContext): ClassJudgement {
  const platform = unsupportedPlatform(nodeClass);
  if (platform !== undefined) return { refusals: [platform], candidates: [] };
  const counts = gpuCounts(nodeClass, context.gpusPerReplica);
  if (typeof counts === 'string') return { refusals: [counts], candidates: [] };
  let last: { candidates: readonly Candidate[]; engine: string | null; memory: MemoryFit; gpus: number } | undefined;
  for (const gpus of counts) {
    const host = classHost(nodeClass, gpus, context.engines);
    const { chosen, candidates } = rankBackends(context.backends, spec, host, { prefer: context.prefer });
    const memory = weightsMemoryPolicy.fit(spec, host);
    if (chosen !== null && memory.fits !== false)
      return { fit: { engine: chosen, gpus, memory, host }, refusals: [], candidates };
    last = { candidates, engine: chosen, memory, gpus };
  }
  if (!last) return { refusals: ['no GPU count to judge'], candidates: [] };
  if (last.engine === null) {
    return { refusals: last.candidates.flatMap((candidate) => candidate.reasons), candidates: last.candidates };
  }
  const where = last.gpus === 0 ? 'a node' : `${last.gpus} × ${nodeClass.gpu?.product}`;
  return {
    shortfall: { neededBytes: last.memory.neededBytes, budget: last.memory.budget, gpus: last.gpus },
    refusals: [
      `too small: ${describeSpec(spec)} needs about ${gib(last.memory.neededBytes)}, and ${where} ${last.gpus === 1 ? 'has' : 'have'} ${last.memory.budget ? describeBudget(last.memory.budget) : 'unknown memory'}`,
    ],
    candidates: last.candidates,
  };
}
