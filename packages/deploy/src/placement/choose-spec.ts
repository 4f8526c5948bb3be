import {
  type CatalogFilters,
  type CatalogModel,
  quantizationQuality,
  type Resolution,
  resolveCatalogModel,
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
  readonly resolution: Resolution;
  /** Where the spec was resolved, for the explanation. */
  readonly nodeClass: NodeClass;
}

/**
 * The catalog spec for the cluster: each class resolves the model as a single host would (the
 * catalog's own choice: engine, then the largest size that fits, then the least lossy
 * quantization), and the best of those wins by the same order. When no spec fits any class, the
 * one needing least memory is taken, so that every class can say how far it is from holding it.
 */
export function chooseCatalogSpec(
  model: CatalogModel,
  classes: readonly JudgedClass[],
  filters: CatalogFilters,
  rank: (engine: string) => number,
): SpecChoice | undefined {
  const choices = classes.map(({ nodeClass, maxGpus, context }) => ({
    nodeClass,
    resolution: resolveCatalogModel(model, context.backends, classHost(nodeClass, maxGpus, context.engines), {
      ...filters,
      prefer: context.prefer,
    }),
  }));
  const runnable = choices.filter(({ resolution }) => resolution.engine !== null);
  const fitting = runnable.filter(({ resolution }) => resolution.tooLarge === undefined);
  const quality = ({ spec }: Resolution) => quantizationQuality(spec.format, spec.quantization);
  const size = ({ spec }: Resolution) => spec.sizeInBillions ?? 0;
  if (fitting.length > 0) {
    return fitting.sort(
      ({ resolution: a }, { resolution: b }) =>
        rank(a.engine ?? '') - rank(b.engine ?? '') || size(b) - size(a) || quality(b) - quality(a),
    )[0];
  }
  if (runnable.length > 0) {
    return runnable.sort(({ resolution: a }, { resolution: b }) => a.memory.neededBytes - b.memory.neededBytes)[0];
  }
  return choices[0];
}

/** The explanation of a spec choice, in the words of the class it was resolved for. */
export function describeChoice({ resolution, nodeClass }: SpecChoice): string {
  return `for ${nodeClass.name}: ${resolution.reason}`;
}
