import type { Backend } from '../backend/backend.js';
import type { ArchitectureFacts } from '../fit/architecture-facts.js';
import { describeMemoryPlan } from '../fit/describe-memory-plan.js';
import { type EngineMemoryProfile, GENERIC_MEMORY_PROFILE } from '../fit/engine-memory-profile.js';
import { fitSpec } from '../fit/fit-spec.js';
import type { KvCacheType } from '../fit/kv-cache.js';
import type { MemoryPlan } from '../fit/memory-plan.js';
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

/** What the fit may take into account besides the spec and the host; each maps to one option of select, plan and launch. */
export interface MemoryFitOptions {
  /** Pins the context the engine will be started with (the `contextLength` option). */
  readonly contextLength?: number;
  /** The least context a plan may size down to (the `contextFloor` option); 8,192 by default. */
  readonly contextFloor?: number;
  /** Pins the GPUs (the `gpus` option). */
  readonly gpus?: readonly number[];
  /** Pins tensor parallel (the `tensorParallel` option). */
  readonly tensorParallel?: number;
  /** The KV cache's element type; f16 unless asked. */
  readonly kvCacheType?: KvCacheType;
  /** The engine that would run the spec: its memory profile sizes the plan. */
  readonly engine?: Backend;
  /** What the model's own files say, when it was read from them (a GGUF file, a model folder): better than estimates. */
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
  /**
   * The memory plan behind the verdict, where the policy makes one: weights, KV cache and overhead,
   * on which GPUs, with which context and tensor parallel. `plan` and `launch` start the engine so.
   */
  readonly plan?: MemoryPlan;
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
 * The weights — their exact bytes where the model's files were read, else size × bits per weight —
 * plus a fixed headroom, against the host's budget: all that can be said without an architecture.
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

/**
 * The default policy: a memory plan (planMemory) from the model's architecture (its files, else the
 * catalog's table, else an estimate from its size) and the engine's memory profile, against each
 * GPU's free memory. Falls back to weightsMemoryPolicy for a model of unknown size.
 */
export const memoryPlanPolicy: MemoryPolicy = {
  fit(spec, host, options = {}) {
    const { engine, files, ...fitOptions } = options;
    const plan = fitSpec({
      spec,
      host,
      profile: profileOf(engine, host),
      options: fitOptions,
      ...(files?.architecture === undefined ? {} : { facts: files.architecture }),
      ...(files === undefined ? {} : { weights: files.weights }),
    });
    if (!plan) return weightsMemoryPolicy.fit(spec, host, options);
    return {
      neededBytes: plan.totalBytes,
      budget: memoryBudget(host),
      fits: plan.fits,
      basis: plan.shortfall ?? describeMemoryPlan(plan).join('; '),
      plan,
    };
  },
};

function profileOf(engine: Backend | undefined, host: HostInfo): EngineMemoryProfile {
  const memory = engine?.memory;
  if (memory === undefined) return GENERIC_MEMORY_PROFILE;
  return typeof memory === 'function' ? memory(host) : memory;
}

/** The budget a fit was measured against, for messages. */
export function budgetText(fit: MemoryFit): string {
  return fit.budget ? describeBudget(fit.budget) : 'unknown memory';
}
