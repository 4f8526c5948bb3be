import type { Backend } from '../backend/backend.js';
import type { HostInfo } from '../host/host-info.js';
import type { ModelFormat } from '../spec/model-format.js';
import { catalogEntries } from './catalog-entry.js';
import type { CatalogModel } from './catalog-schema.js';
import { judgeEntries } from './judge-entries.js';
import { describeBudget, gib, MEMORY_HEADROOM, type MemoryBudget } from './weight-memory.js';

/** How an option's weights compare with the host's memory. */
export interface OptionMemory {
  /** Weights plus headroom, estimated from size and quantization. */
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
 * answer to "which engine can run this model here?". Engines by priority, then catalog order.
 */
export function engineOptions(model: CatalogModel, backends: readonly Backend[], host: HostInfo): EngineOption[] {
  const judged = judgeEntries(catalogEntries(model), backends, host);
  const engines = [...backends].sort((a, b) => b.priority - a.priority || a.name.localeCompare(b.name));
  return engines.flatMap((backend) =>
    judged.map(({ entry, candidates, memory }) => {
      const verdict = candidates.find((c) => c.backend === backend.name);
      const eligible = verdict?.eligible ?? false;
      const { modelSpec } = entry;
      const sizeInBillions = modelSpec.sizeInBillions ?? 0;
      const { budget, fits, neededBytes } = memory;
      const shortfall =
        fits === false && budget
          ? `${sizeInBillions}B at ${modelSpec.quantization} needs about ${gib(neededBytes)} (weights plus ${Math.round((MEMORY_HEADROOM - 1) * 100)}% headroom); this host has ${describeBudget(budget)}.`
          : undefined;
      return {
        engine: backend.name,
        priority: backend.priority,
        format: modelSpec.format,
        sizeInBillions,
        quantization: modelSpec.quantization,
        ...(modelSpec.hubId === undefined ? {} : { hubId: modelSpec.hubId }),
        ...(modelSpec.modelPath === undefined ? {} : { modelPath: modelSpec.modelPath }),
        ...(entry.fileName === undefined ? {} : { fileName: entry.fileName }),
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
