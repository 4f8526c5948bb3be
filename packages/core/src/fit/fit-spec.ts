import type { HostInfo } from '../host/host-info.js';
import type { ModelSpec } from '../spec/model-spec.js';
import type { ArchitectureFacts } from './architecture-facts.js';
import { catalogArchitecture } from './catalog-architectures.js';
import { type EngineMemoryProfile, GENERIC_MEMORY_PROFILE } from './engine-memory-profile.js';
import { estimateArchitecture } from './estimate-architecture.js';
import { estimateWeights } from './estimate-weights.js';
import type { MemoryPlan } from './memory-plan.js';
import type { ModelWeights } from './model-weights.js';
import { type FitOptions, planMemory } from './plan-memory.js';

export interface SpecFitInput {
  readonly spec: ModelSpec;
  readonly host: HostInfo;
  /** The engine's profile; {@link GENERIC_MEMORY_PROFILE} when it states none. */
  readonly profile?: EngineMemoryProfile;
  readonly options?: FitOptions;
  /** Figures read from the model's own files (a GGUF header, a `config.json`); else the catalog's table, else an estimate. */
  readonly facts?: ArchitectureFacts;
  /** The weights' real size when the files are at hand; else parameters × bits. */
  readonly weights?: ModelWeights;
}

/**
 * The architecture Switchyard plans a spec with: the one given (read from its files), else the
 * builtin catalog's table for its family and size, else an estimate from its size. The spec's
 * context length stands in for a maximum the figures lack. Undefined without any of them.
 */
export function specArchitecture(spec: ModelSpec, facts?: ArchitectureFacts): ArchitectureFacts | undefined {
  const found = facts ?? catalogArchitecture(spec.modelFamily ?? spec.modelName, spec.sizeInBillions ?? Number.NaN);
  if (found)
    return found.maxContext !== undefined || spec.contextLength === undefined
      ? found
      : { ...found, maxContext: spec.contextLength };
  if (spec.sizeInBillions === undefined) return undefined;
  return estimateArchitecture(spec.sizeInBillions, spec.contextLength, spec.modelName);
}

/**
 * The memory plan of a spec on a host for one engine, from the best figures at hand. Undefined
 * when neither the architecture nor the weights can be known (no size, no files). Throws
 * InvalidInputError for pins that cannot work (see planMemory).
 */
export function fitSpec(input: SpecFitInput): MemoryPlan | undefined {
  const facts = specArchitecture(input.spec, input.facts);
  const weights = input.weights ?? estimateWeights(input.spec, facts);
  if (!facts || !weights) return undefined;
  return planMemory({
    facts,
    weights,
    profile: input.profile ?? GENERIC_MEMORY_PROFILE,
    host: input.host,
    ...(input.options ? { options: input.options } : {}),
  });
}
