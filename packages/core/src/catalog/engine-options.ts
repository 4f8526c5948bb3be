import type { Backend } from '../backend/backend.js';
import type { HostInfo } from '../host/host-info.js';
import type { MemoryPolicy, ModelFiles } from '../memory/memory-policy.js';
import { describeBudget, gib, type MemoryBudget } from '../memory/weight-memory.js';
import { engineOrder } from '../selection/engine-order.js';
import { rankBackends } from '../selection/rank-backends.js';
import type { ModelFormat } from '../spec/model-format.js';
import type { ModelSpec } from '../spec/model-spec.js';
import { catalogEntries } from './catalog-entry.js';
import type { CatalogModel } from './catalog-schema.js';

/** How an option's weights compare with the host's memory. */
export interface OptionMemory {
  /** What the memory policy estimates the model needs. */
  readonly neededBytes: number;
  readonly availableBytes: number | null;
  readonly kind: MemoryBudget['kind'] | null;
  /** Null when the host does not say how much memory it has. */
  readonly fits: boolean | null;
  /** Set when it does not fit. */
  readonly reason?: string;
}

/** Whether one engine can run one (format, size, quantization) of a catalog model on a host. */
export interface EngineOption {
  readonly engine: string;
  readonly priority: number;
  readonly format: ModelFormat;
  readonly sizeInBillions: number;
  readonly quantization: string;
  readonly hubId?: string;
  readonly modelPath?: string;
  readonly fileName?: string;
  /** Eligible, and not known to be too large. */
  readonly canRun: boolean;
  /** The engine's rules accept it. */
  readonly eligible: boolean;
  /** Why the engine refuses it: one sentence per failed rule. */
  readonly reasons: readonly string[];
  readonly memory: OptionMemory;
}

/**
 * Every (engine, format, size, quantization) the catalog has for a model, judged on a host: the
 * answer to "which engine can run this model here?". Engines in the engine order, then catalog order.
 */
export function engineOptions(
  model: CatalogModel,
  backends: readonly Backend[],
  host: HostInfo,
  options: { readonly memory: MemoryPolicy; readonly prefer?: readonly string[] },
): EngineOption[] {
  return specOptions(catalogEntries(model), backends, host, options);
}

/**
 * Every engine judged on each of the specs a model may run as (a catalog model's entries, or the
 * one spec a model folder or a GGUF file reads as, with `files` giving its exact weight bytes).
 */
export function specOptions(
  entries: readonly { readonly modelSpec: ModelSpec; readonly fileName?: string | undefined }[],
  backends: readonly Backend[],
  host: HostInfo,
  {
    memory,
    prefer = [],
    files,
  }: { readonly memory: MemoryPolicy; readonly prefer?: readonly string[]; readonly files?: ModelFiles },
): EngineOption[] {
  const judged = entries.map(({ modelSpec, fileName }) => ({
    spec: modelSpec,
    fileName,
    candidates: rankBackends(backends, modelSpec, host).candidates,
  }));
  const engines = [...backends].sort(engineOrder(prefer));
  return engines.flatMap((backend) =>
    judged.map(({ spec, fileName, candidates }) => {
      // Each engine plans memory its own way (utilization, overhead, how it splits over GPUs).
      const fit = memory.fit(spec, host, { engine: backend, ...(files ? { files } : {}) });
      const verdict = candidates.find((c) => c.backend === backend.name);
      const eligible = verdict?.eligible ?? false;
      const sizeInBillions = spec.sizeInBillions ?? 0;
      const { budget, fits, neededBytes } = fit;
      const shortfall =
        fits === false && budget
          ? fit.plan?.shortfall
            ? `${sizeInBillions}B at ${spec.quantization} ${fit.plan.shortfall}.`
            : `${sizeInBillions}B at ${spec.quantization} needs about ${gib(neededBytes)} (${fit.basis}); this host has ${describeBudget(budget)}.`
          : undefined;
      return {
        engine: backend.name,
        priority: backend.priority,
        format: spec.format,
        sizeInBillions,
        quantization: spec.quantization,
        ...(spec.hubId === undefined ? {} : { hubId: spec.hubId }),
        ...(spec.modelPath === undefined ? {} : { modelPath: spec.modelPath }),
        ...(fileName === undefined ? {} : { fileName }),
        canRun: eligible && fits !== false,
        eligible,
        reasons: verdict?.reasons ?? [],
        memory: {
          neededBytes: Math.round(neededBytes),
          availableBytes: budget ? Math.round(budget.bytes) : null,
          kind: budget?.kind ?? null,
          fits: fits ?? null,
          ...(shortfall === undefined ? {} : { reason: shortfall }),
        },
      };
    }),
  );
}
