import { engineOrder, type ModelReference, type ModelSpec, quantizationQuality } from '@switchyard/core';
import type { NodeClass } from '../cluster/node-class.js';
import { classCounts } from './judge-class.js';
import { type ClassContext, type ClassSelection, selectOnClass } from './select-on-class.js';

/** The spec placement judges every class on, and how it was chosen. */
export interface SpecChoice {
  readonly spec: ModelSpec;
  /** Why this spec, in the words of the class it was picked for. */
  readonly reason: string;
}

/**
 * The spec for the cluster: each class selects for the model as a single host would (core's choice:
 * engine, then the largest size that fits, then the least lossy quantization), on one node with as
 * many GPUs as a replica may get, and the best of those wins by the same order. When no spec fits
 * any class, the one needing least memory is taken, so that every class can say how far it is.
 */
export async function chooseClusterSpec(
  model: ModelReference,
  classes: readonly NodeClass[],
  context: ClassContext,
): Promise<SpecChoice | undefined> {
  const picks: (ClassSelection & { nodeClass: NodeClass; gpus: number })[] = [];
  for (const nodeClass of classes) {
    const counts = classCounts(nodeClass, context.gpusPerReplica);
    if (typeof counts === 'string') continue;
    const gpus = Math.max(...counts);
    picks.push({ nodeClass, gpus, ...(await selectOnClass(model, nodeClass, gpus, context)) });
  }
  const order = engineOrder(context.request.prefer);
  const rank = (engine: string) => {
    const backend = context.backends.find((b) => b.name === engine);
    return { name: engine, priority: backend?.priority ?? 0 };
  };
  const size = (spec: ModelSpec) => spec.sizeInBillions ?? 0;
  const quality = (spec: ModelSpec) => quantizationQuality(spec.format, spec.quantization);
  const runnable = picks.flatMap((pick) =>
    pick.selection && pick.engine !== null ? [{ ...pick, selection: pick.selection, engine: pick.engine }] : [],
  );
  runnable.sort(
    (a, b) =>
      order(rank(a.engine), rank(b.engine)) ||
      size(b.selection.spec) - size(a.selection.spec) ||
      quality(b.selection.spec) - quality(a.selection.spec),
  );
  const tooLarge = picks
    .flatMap((pick) => (pick.selection?.fit.fits === false ? [{ ...pick, selection: pick.selection }] : []))
    .sort((a, b) => a.selection.fit.neededBytes - b.selection.fit.neededBytes);
  const best = runnable[0] ?? tooLarge[0] ?? picks.find((pick) => pick.selection);
  if (best?.selection)
    return { spec: best.selection.spec, reason: `for ${best.nodeClass.name}: ${best.selection.reason}` };
  // The pinned engine can run nowhere: read the model without it, so that every class can say why.
  const first = picks[0];
  if (!first || context.request.engine === undefined) return undefined;
  const { engine: _pinned, ...unpinned } = context.request;
  const { selection } = await selectOnClass(model, first.nodeClass, first.gpus, { ...context, request: unpinned });
  return selection && { spec: selection.spec, reason: `for ${first.nodeClass.name}: ${selection.reason}` };
}
