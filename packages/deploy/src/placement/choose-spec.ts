import {
  type CatalogFilters,
  type CatalogModel,
  catalogReading,
  chooseSpec,
  quantizationQuality,
  type Selection,
  weightsMemoryPolicy,
} from '@switchyard/core';
import { classHost } from '../cluster/class-host.js';
import type { NodeClass } from '../cluster/node-class.js';
import type { ClassContext } from './judge-class.js';

/** A class with what a replica there may be given at most, and how it sees the engines. */
export interface JudgedClass {
  readonly nodeClass: NodeClass;
  readonly maxGpus: number;
  readonly context: ClassContext;
}

export interface SpecChoice {
  readonly selection: Selection;
  /** The engine that would run the spec there, also when it is too large; null when none can. */
  readonly engine: string | null;
  /** Where the spec was resolved, for the explanation. */
  readonly nodeClass: NodeClass;
}

/**
 * The catalog spec for the cluster: each class selects the model as a single host would (core's
 * own choice: engine, then the largest size that fits, then the least lossy quantization), and the
 * best of those wins by the same order. When no spec fits any class, the one needing least memory
 * is taken, so that every class can say how far it is from holding it.
 */
export function chooseCatalogSpec(
  model: CatalogModel,
  classes: readonly JudgedClass[],
  filters: CatalogFilters,
  rank: (engine: string) => number,
): SpecChoice | undefined {
  const reading = catalogReading(model, filters);
  const choices = classes.map(({ nodeClass, maxGpus, context }) => {
    const host = classHost(nodeClass, maxGpus, context.engines);
    const selection = chooseSpec(reading, context.backends, host, host, {
      prefer: context.prefer,
      memory: weightsMemoryPolicy,
    });
    return { nodeClass, selection, engine: selection.chosen ?? selection.considered[0]?.engine ?? null };
  });
  const runnable = choices.filter(({ engine }) => engine !== null);
  const fitting = runnable.filter(({ selection }) => selection.fit.fits !== false);
  const quality = ({ spec }: Selection) => quantizationQuality(spec.format, spec.quantization);
  const size = ({ spec }: Selection) => spec.sizeInBillions ?? 0;
  if (fitting.length > 0) {
    return fitting.sort(
      (a, b) =>
        rank(a.engine ?? '') - rank(b.engine ?? '') ||
        size(b.selection) - size(a.selection) ||
        quality(b.selection) - quality(a.selection),
    )[0];
  }
  if (runnable.length > 0) {
    return runnable.sort((a, b) => a.selection.fit.neededBytes - b.selection.fit.neededBytes)[0];
  }
  return choices[0];
}

/** The explanation of a spec choice, in the words of the class it was resolved for. */
export function describeChoice({ selection, nodeClass }: SpecChoice): string {
  return `for ${nodeClass.name}: ${selection.reason}`;
}
