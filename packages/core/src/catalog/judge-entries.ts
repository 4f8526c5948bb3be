import type { Backend } from '../backend/backend.js';
import type { HostInfo } from '../host/host-info.js';
import { rankBackends } from '../selection/rank-backends.js';
import type { Candidate } from '../selection/selection.js';
import type { CatalogEntry } from './catalog-entry.js';
import { type MemoryFit, memoryBudget, memoryFit } from './weight-memory.js';

/** A catalog entry with every backend's verdict on it and how its weights fit the host's memory. */
export interface JudgedEntry {
  readonly entry: CatalogEntry;
  /** Every backend's verdict, best first (as `select` ranks them). */
  readonly candidates: readonly Candidate[];
  /** The best backend that can run the entry, if any. */
  readonly chosen: Candidate | undefined;
  readonly memory: MemoryFit;
}

export function judgeEntries(
  entries: readonly CatalogEntry[],
  backends: readonly Backend[],
  host: HostInfo,
  prefer: readonly string[] = [],
): JudgedEntry[] {
  const budget = memoryBudget(host);
  return entries.map((entry) => {
    const { candidates } = rankBackends(backends, entry.modelSpec, host, { prefer });
    const first = candidates[0];
    const { format, quantization, sizeInBillions = 0 } = entry.modelSpec;
    return {
      entry,
      candidates,
      chosen: first?.eligible ? first : undefined,
      memory: memoryFit(format, quantization, sizeInBillions, budget),
    };
  });
}
