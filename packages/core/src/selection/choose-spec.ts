import type { Backend } from '../backend/backend.js';
import { UnknownEngineError } from '../errors/selection-errors.js';
import type { HostInfo } from '../host/host-info.js';
import type { ModelSpec } from '../spec/model-spec.js';
import { type CatalogEntry, catalogEntries } from './catalog-entry.js';
import type { CatalogModel } from './catalog-schema.js';
import { type JudgedEntry, judgeEntries } from './judge-entries.js';
import { type CatalogFilters, narrowEntries } from './narrow-entries.js';
import { describeBudget, gib, type MemoryFit, quantizationQuality } from './weight-memory.js';

export interface ResolveOptions extends CatalogFilters {
  /** Only specs this engine can run count. */
  readonly engine?: string;
  /** Engine names to try first, in order, as in selection. */
  readonly prefer?: readonly string[];
}

/** The catalog spec picked for a model on a host, and why. */
export interface Resolution {
  readonly model: CatalogModel;
  readonly entry: CatalogEntry;
  /** The picked entry as the backends judge it. */
  readonly spec: ModelSpec;
  /** The engine that would run it; null when no engine can run any spec here. */
  readonly engine: string | null;
  readonly memory: MemoryFit;
  /** One sentence on why this spec, for people. */
  readonly reason: string;
  /**
   * Set when the host's memory is known and no spec an engine could run fits in it: why this model
   * cannot run here after all, as a refusal reason.
   */
  readonly tooLarge?: string;
}

interface Scored extends JudgedEntry {
  /** Position of the chosen engine in selection order; engines unable to run it sort last. */
  readonly rank: number;
  readonly size: number;
  /** Higher loses less; see quantizationQuality. */
  readonly quality: number;
}

/**
 * Picks the best spec of a catalog model for a host. A spec can run here when some engine accepts it
 * and, where the host's memory is known, its weights fit (a spec that would not load loses to one
 * that would). Among those: by the engine's rank (preference, then priority), then the largest size,
 * then the least lossy quantization; ties keep catalog order. When nothing fits, the spec needing the
 * least memory is taken, whichever engine runs it, and `tooLarge` says so; when no engine accepts any
 * spec, the same order picks one whose refusals `select` can explain. Pure.
 */
export function resolveCatalogModel(
  model: CatalogModel,
  backends: readonly Backend[],
  host: HostInfo,
  options: ResolveOptions = {},
): Resolution {
  const { engine, prefer = [] } = options;
  if (engine !== undefined && !backends.some((b) => b.name === engine)) {
    throw new UnknownEngineError(
      engine,
      backends.map((b) => b.name),
    );
  }
  const judged = engine === undefined ? backends : backends.filter((b) => b.name === engine);
  const engineOrder = [...judged].sort(
    (a, b) => preference(prefer, a.name) - preference(prefer, b.name) || b.priority - a.priority,
  );
  const entries = narrowEntries(model, catalogEntries(model), options);
  const scored: Scored[] = judgeEntries(entries, judged, host, prefer).map((judgedEntry) => {
    const { modelSpec } = judgedEntry.entry;
    const chosen = judgedEntry.chosen?.backend;
    return {
      ...judgedEntry,
      rank: chosen === undefined ? engineOrder.length : engineOrder.findIndex((b) => b.name === chosen),
      size: modelSpec.sizeInBillions ?? 0,
      quality: quantizationQuality(modelSpec.format, modelSpec.quantization),
    };
  });
  scored.sort(byPreference);
  const best = scored[0] as Scored;
  const narrowed = [options.format, options.size, options.quantization].some((filter) => filter !== undefined);
  const tooLarge = best.chosen !== undefined && best.memory.fits === false ? tooLargeReason(best, narrowed) : undefined;
  return {
    model,
    entry: best.entry,
    spec: best.entry.modelSpec,
    engine: best.chosen?.backend ?? null,
    memory: best.memory,
    reason: explain(best, scored, engineOrder, engine !== undefined),
    ...(tooLarge === undefined ? {} : { tooLarge }),
  };
}

function preference(prefer: readonly string[], name: string): number {
  const index = prefer.indexOf(name);
  return index === -1 ? prefer.length : index;
}

const tooLarge = (s: Scored) => s.memory.fits === false;

function byPreference(a: Scored, b: Scored): number {
  return (
    Number(a.chosen === undefined) - Number(b.chosen === undefined) ||
    Number(tooLarge(a)) - Number(tooLarge(b)) ||
    // While specs fit, the engine decides, then the larger size; when none fits, the one needing
    // least memory comes closest, whichever engine runs it.
    (tooLarge(a)
      ? a.memory.neededBytes - b.memory.neededBytes || a.rank - b.rank
      : a.rank - b.rank || b.size - a.size) ||
    b.quality - a.quality
  );
}

const describeEntry = (s: Scored) => `${s.entry.modelSpec.format} · ${s.entry.modelSpec.quantization} · ${s.size}B`;

function budgetText({ budget }: MemoryFit): string {
  return budget ? describeBudget(budget) : 'unknown memory';
}

function tooLargeReason(best: Scored, narrowed: boolean): string {
  const { modelName } = best.entry.model;
  const which = narrowed ? 'of the --format, --size or --quantization asked for ' : '';
  const fix = narrowed ? 'pick a smaller --size or --quantization' : 'pick a smaller model';
  return `No spec of ${modelName} ${which}fits in this host's memory: the smallest an engine can run, ${describeEntry(best)}, needs about ${gib(best.memory.neededBytes)} and this host has ${budgetText(best.memory)}; ${fix}, or plan for a larger host with --host-file.`;
}

function explain(best: Scored, scored: readonly Scored[], engineOrder: readonly Backend[], pinned: boolean): string {
  const { modelSpec } = best.entry;
  const engine = engineOrder[best.rank];
  const picked = describeEntry(best);
  if (engine !== undefined && best.memory.fits === false) {
    return `picked ${picked}, the spec needing least memory (about ${gib(best.memory.neededBytes)}), for ${engine.displayName}: no spec fits in ${budgetText(best.memory)}.`;
  }
  const parts: string[] = [];
  if (engine === undefined) {
    parts.push(
      `no engine can run any spec of ${best.entry.model.modelName} here (see \`switchyard engines ${best.entry.model.modelName}\`)`,
    );
  } else {
    const outranking = scored.find((s) => s.chosen !== undefined && s.rank < best.rank);
    const eligibleEngines = new Set(
      scored.flatMap((s) => s.candidates.filter((c) => c.eligible).map((c) => c.backend)),
    );
    parts.push(
      pinned
        ? `${engine.displayName} is the engine you asked for`
        : outranking
          ? `${engine.displayName} can run a spec that fits here, and ${engineOrder[outranking.rank]?.displayName}'s are all too large`
          : eligibleEngines.size === 1
            ? `${engine.displayName} is the only engine that can run it here`
            : `${engine.displayName} ranks first among the engines that can run it here`,
    );
  }
  const peers = scored.filter((s) => s.rank === best.rank);
  const { fits, neededBytes } = best.memory;
  if (fits === undefined) {
    parts.push("this host's memory is unknown, so the largest size was taken (name a size to take another)");
  } else if (fits) {
    const largest = peers.some((s) => s.size > best.size) ? 'is the largest size that fits' : 'fits';
    parts.push(`${best.size}B ${largest} in ${budgetText(best.memory)} (needs about ${gib(neededBytes)})`);
  } else {
    parts.push(
      `no spec fits in ${budgetText(best.memory)}, so the one needing least was taken (about ${gib(neededBytes)})`,
    );
  }
  if (peers.some((s) => s.size === best.size && s.quality < best.quality)) {
    parts.push(`${modelSpec.quantization} is the least lossy quantization of that size${fits ? ' that fits' : ''}`);
  }
  return `picked ${picked}: ${parts.join('; ')}.`;
}
