import { describeBudget, gib, type ModelSpec } from '@switchyard/core';
import { unsupportedPlatform } from '../cluster/class-host.js';
import type { NodeClass } from '../cluster/node-class.js';
import { describeSpec } from './describe-spec.js';
import { gpuCounts } from './gpu-counts.js';
import type { ClassFit, Shortfall } from './placement.js';
import { type ClassContext, type ClassSelection, selectOnClass } from './select-on-class.js';

/** A class judged for one spec: where it fits, or why not. */
export interface ClassJudgement {
  readonly fit?: ClassFit;
  readonly shortfall?: Shortfall;
  /** Why the class cannot run the spec; empty when it can. */
  readonly refusals: readonly string[];
  readonly candidates: ClassSelection['candidates'];
}

/** The GPU counts a replica may get on the class, or why the class cannot be judged at all. */
export function classCounts(nodeClass: NodeClass, gpusPerReplica: number | undefined): number[] | string {
  return unsupportedPlatform(nodeClass) ?? gpuCounts(nodeClass, gpusPerReplica);
}

/**
 * Judges the spec on one node of the class with each GPU count in turn, fewest first, with core's
 * selection and memory fit as for a single host: the first count where an engine can run it and it
 * fits is the class's fit.
 */
export async function judgeClass(
  nodeClass: NodeClass,
  spec: ModelSpec,
  context: ClassContext,
): Promise<ClassJudgement> {
  const counts = classCounts(nodeClass, context.gpusPerReplica);
  if (typeof counts === 'string') return { refusals: [counts], candidates: [] };
  let last: (ClassSelection & { gpus: number }) | undefined;
  for (const gpus of counts) {
    const outcome = await selectOnClass(spec, nodeClass, gpus, context);
    const { selection, engine, candidates } = outcome;
    if (selection && engine !== null) {
      return { fit: { engine, gpus, memory: selection.fit, host: selection.host }, refusals: [], candidates };
    }
    last = { ...outcome, gpus };
  }
  if (!last) return { refusals: ['no GPU count to judge'], candidates: [] };
  const fit = last.selection?.fit;
  // An engine would run the spec (selection refused it for memory alone): the class is too small.
  const wouldRun = last.selection?.considered[0]?.engine;
  if (fit?.fits === false && wouldRun !== undefined && wouldRun !== null) {
    const where = last.gpus === 0 ? 'a node' : `${last.gpus} × ${nodeClass.gpu?.product}`;
    return {
      shortfall: { neededBytes: fit.neededBytes, budget: fit.budget, gpus: last.gpus },
      refusals: [
        `too small: ${describeSpec(spec)} needs about ${gib(fit.neededBytes)}, and ${where} ${last.gpus === 1 ? 'has' : 'have'} ${fit.budget ? describeBudget(fit.budget) : 'unknown memory'}`,
      ],
      candidates: last.candidates,
    };
  }
  return { refusals: last.candidates.flatMap((candidate) => candidate.reasons), candidates: last.candidates };
}
