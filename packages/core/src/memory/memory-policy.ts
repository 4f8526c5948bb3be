import type { ArchitectureFacts } from '../fit/architecture-facts.js';
import type { ModelWeights } from '../fit/model-weights.js';
import type { HostInfo } from '../host/host-info.js';
import type { ModelSpec } from '../spec/model-spec.js';
import {
  bitsPerWeight,
  describeBudget,
  MEMORY_HEADROOM,
  type MemoryBudget,
  memoryBudget,
  weightBytes,
} from './weight-memory.js';

/** What the fit may take into account besides the spec and the host. */
export interface MemoryFitOptions {
  /** Context length the engine will be started with (the `contextLength` option). */
  readonly contextLength?: number;
  /** What the model's own files say, when it was read from them (a GGUF file, a model folder). */
  readonly files?: ModelFiles;
}

/** The weights' exact bytes and the architecture's figures, read from a model's files without loading them. */
export interface ModelFiles {
  readonly weights: ModelWeights;
  readonly architecture?: ArchitectureFacts;
}

/** How a spec compares with the memory a host offers it. */
export interface MemoryFit {
  /** Bytes the model is estimated to need. */
  readonly neededBytes: number;
  /** The memory the model would live in; undefined when the host does not say. */
  readonly budget: MemoryBudget | undefined;
  /** Undefined when the host's memory or the model's size is unknown. */
  readonly fits: boolean | undefined;
  /** One sentence on how the estimate was made, for people. */
  readonly basis: string;
}

/**
 * The one seam that decides whether a model fits a host. Selection asks it for every spec it
 * considers and refuses a model that fits nowhere; replace it (the `memoryPolicy` option of
 * `createSwitchyard`, or the MEMORY_POLICY token) to plan memory differently.
 */
export interface MemoryPolicy {
  fit(spec: ModelSpec, host: HostInfo, options?: MemoryFitOptions): MemoryFit;
}

/**
 * The default policy: the weights — their exact bytes where the model's files were read, else size
 * × bits per weight — plus a fixed headroom, against the host's budget.
 */
export const weightsMemoryPolicy: MemoryPolicy = {
  fit(spec, host, options = {}) {
    const budget = memoryBudget(host);
    const headroom = `weights plus ${Math.round((MEMORY_HEADROOM - 1) * 100)}% headroom`;
    if (options.files) {
      const neededBytes = options.files.weights.bytes * MEMORY_HEADROOM;
      return {
        neededBytes,
        budget,
        fits: budget === undefined ? undefined : neededBytes <= budget.bytes,
        basis: `${headroom}, the weights’ bytes read from the ${options.files.weights.source}`,
      };
    }
    if (spec.sizeInBillions === undefined) {
      return { neededBytes: 0, budget, fits: undefined, basis: 'the model does not say its size' };
    }
    const neededBytes =
      weightBytes(spec.sizeInBillions, bitsPerWeight(spec.format, spec.quantization)) * MEMORY_HEADROOM;
    return {
      neededBytes,
      budget,
      fits: budget === undefined ? undefined : neededBytes <= budget.bytes,
      basis: headroom,
    };
  },
};

/** The budget a fit was measured against, for messages. */
export function budgetText(fit: MemoryFit): string {
  return fit.budget ? describeBudget(fit.budget) : 'unknown memory';
}
