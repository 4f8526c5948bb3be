import { type Backend, displayNameOf } from '../backend/backend.js';
import { belowFourBits } from '../fit/below-four-bits.js';
import { tokens } from '../fit/memory-text.js';
import type { HostInfo } from '../host/host-info.js';
import { budgetText, type MemoryFitOptions, type MemoryPolicy } from '../memory/memory-policy.js';
import { gib, quantizationQuality } from '../memory/weight-memory.js';
import type { ModelReading } from '../resolution/model-reader.js';
import type { ModelSpec } from '../spec/model-spec.js';
import { engineOrder } from './engine-order.js';
import { assertKnownEngine, rankBackends } from './rank-backends.js';
import type { ConsideredSpec, Selection, SelectOptions } from './selection.js';

export interface ChooseOptions extends SelectOptions {
  readonly memory: MemoryPolicy;
  readonly fit?: MemoryFitOptions;
}

interface Scored extends ConsideredSpec {
  /** Position of the engine in the engine order; specs no engine can run sort last. */
  readonly rank: number;
  readonly size: number;
  /** Higher loses less; see quantizationQuality. */
  readonly quality: number;
  /** Every engine that accepts the spec. */
  readonly eligible: readonly string[];
  /** A quantization below 4 bits per weight: taken only when nothing else fits. */
  readonly lowBit: boolean;
  /** Only some layers fit on the GPUs (partial offload): slow, so taken only when nothing fits whole. */
  readonly offloaded: boolean;
  /** The fewest rules any judged engine fails for the spec: how close it comes to running. */
  readonly failures: number;
}

/**
 * Picks the spec to run among those a reading names, and the engine to run it. `host` is the
 * machine; `sized` is it as the engine will see it (only the GPUs asked for), which eligibility and
 * memory are judged on. A spec can run when some engine accepts it and, where the host's memory is
 * known, it fits with at least the floor context, as the memory policy plans it for the engine
 * that would run it (a spec that would not load loses to one that would). Among those: specs of 4
 * bits or more first (quantizations below 4 bits lose too much to beat a smaller model), then the
 * engine order, then the largest size, then the least lossy quantization; ties keep the reader's
 * order. When nothing fits, the spec needing least memory is taken and the model is refused, every
 * engine that could run it saying why. Pure.
 */
export function chooseSpec(
  reading: ModelReading,
  backends: readonly Backend[],
  host: HostInfo,
  sized: HostInfo,
  options: ChooseOptions,
): Selection {
  const { engine, prefer = [] } = options;
  if (engine !== undefined) assertKnownEngine(engine, backends);
  const judged = engine === undefined ? backends : backends.filter((b) => b.name === engine);
  const order = [...judged].sort(engineOrder(prefer));
  // One spec is ranked once, as the final selection ranks it; several are ranked among the engines judged.
  const lone =
    reading.specs.length === 1 ? rankBackends(backends, reading.specs[0] as ModelSpec, host, options) : undefined;
  const fitFor = (spec: ModelSpec, runner: string | null) => {
    const runningEngine = runner === null ? undefined : backends.find((b) => b.name === runner);
    return options.memory.fit(spec, sized, {
      ...options.fit,
      ...(runningEngine === undefined ? {} : { engine: runningEngine }),
      ...(reading.files === undefined ? {} : { files: reading.files }),
    });
  };
  const scored = reading.specs.map((spec): Scored => {
    const ranking = lone ?? rankBackends(judged, spec, sized, { prefer });
    const chosen = ranking.chosen;
    const fit = fitFor(spec, chosen);
    return {
      spec,
      engine: chosen,
      eligible: ranking.candidates.filter((c) => c.eligible).map((c) => c.backend),
      fit,
      rank: chosen === null ? order.length : order.findIndex((b) => b.name === chosen),
      size: spec.sizeInBillions ?? 0,
      quality: quantizationQuality(spec.format, spec.quantization),
      lowBit: belowFourBits(spec.format, spec.quantization),
      offloaded: fit.plan?.gpuLayers !== undefined,
      failures: Math.min(...ranking.candidates.map((c) => c.reasons.length)),
    };
  });
  scored.sort(byPreference);
  const best = scored[0];
  if (best === undefined) throw new Error('internal: a model reading named no spec');
  const ranking = lone ?? rankBackends(backends, best.spec, host, options);
  const considered = scored.map(({ spec, engine: runner, fit }) => ({ spec, engine: runner, fit }));
  const { fit, spec } = best;
  if (ranking.chosen !== null && fit.fits === false) {
    const refusal = tooLargeReason(best, reading);
    const candidates = ranking.candidates.map((c) => (c.eligible ? { ...c, eligible: false, reasons: [refusal] } : c));
    return { spec, host, chosen: null, candidates, fit, reason: refusal, considered };
  }
  const reason = scored.length === 1 ? reading.source : explain(best, scored, order, engine !== undefined);
  return { spec, host, chosen: ranking.chosen, candidates: ranking.candidates, fit, reason, considered };
}

const tooLarge = (s: Scored) => s.fit.fits === false;

function byPreference(a: Scored, b: Scored): number {
  // A spec no engine can run comes closest when its engine fails fewest rules, so the refusal names
  // the real blocker (an engine not installed) rather than the first spec's format.
  if (a.engine === null || b.engine === null) {
    return Number(a.engine === null) - Number(b.engine === null) || a.failures - b.failures;
  }
  return (
    Number(tooLarge(a)) - Number(tooLarge(b)) ||
    // While specs fit, those wholly on the GPUs and of 4 bits or more come first, then the engine
    // decides, then the larger size;
    // when none fits, the one needing least memory comes closest, whichever engine runs it.
    (tooLarge(a)
      ? a.fit.neededBytes - b.fit.neededBytes || a.rank - b.rank
      : Number(a.offloaded) - Number(b.offloaded) ||
        Number(a.lowBit) - Number(b.lowBit) ||
        a.rank - b.rank ||
        b.size - a.size) ||
    b.quality - a.quality
  );
}

const describeSpec = (spec: ModelSpec) =>
  `${spec.format} · ${spec.quantization}${spec.sizeInBillions === undefined ? '' : ` · ${spec.sizeInBillions}B`}`;

/** Why the model cannot run here, in the words of the options that would change that. */
function tooLargeReason(best: Scored, reading: ModelReading): string {
  const { modelName } = best.spec;
  const shortfall = best.fit.plan?.shortfall;
  const needs = shortfall ?? `needs about ${gib(best.fit.neededBytes)} and this host has ${budgetText(best.fit)}`;
  const larger = 'or plan for a larger host (the `host` option)';
  if (reading.specs.length === 1 && !reading.narrowed) {
    return `${modelName} (${describeSpec(best.spec)}) does not fit in this host's memory: it ${needs}; pick a smaller model or \`quantization\`, ${larger}.`;
  }
  const which = reading.narrowed ? 'of the `format`, `size` or `quantization` asked for ' : '';
  const fix = reading.narrowed ? 'pick a smaller `size` or `quantization`' : 'pick a smaller model';
  return `No spec of ${modelName} ${which}fits in this host's memory: the smallest an engine can run, ${describeSpec(best.spec)}, ${needs}; ${fix}, ${larger}.`;
}

function explain(best: Scored, scored: readonly Scored[], order: readonly Backend[], pinned: boolean): string {
  const engine = order[best.rank];
  const picked = describeSpec(best.spec);
  const { modelName } = best.spec;
  const parts: string[] = [];
  if (engine === undefined) {
    parts.push(`no engine can run any spec of ${modelName} here (see \`switchyard engines ${modelName}\`)`);
  } else {
    const name = displayNameOf(engine);
    const outranking = scored.find((s) => s.engine !== null && s.rank < best.rank);
    const theirs = outranking && !tooLarge(outranking) ? 'fit only below 4 bits' : 'are all too large';
    const eligibleEngines = new Set(scored.flatMap((s) => s.eligible));
    parts.push(
      pinned
        ? `${name} is the engine you asked for`
        : outranking
          ? `${name} can run a spec that fits here, and ${displayNameOf(order[outranking.rank] as Backend)}'s ${theirs}`
          : eligibleEngines.size === 1
            ? `${name} is the only engine that can run it here`
            : `${name} ranks first among the engines that can run it here`,
    );
  }
  const peers = scored.filter((s) => s.rank === best.rank);
  const { fits, neededBytes } = best.fit;
  if (fits === undefined) {
    parts.push("this host's memory is unknown, so the largest size was taken (name a `size` to take another)");
  } else if (fits) {
    const largest = peers.some((s) => s.size > best.size) ? 'is the largest size that fits' : 'fits';
    const plan = best.fit.plan;
    const context = plan ? ` with ${tokens(plan.contextLength)} tokens of context` : '';
    const offload = plan?.gpuLayers
      ? `, with only ${plan.gpuLayers.onGpu} of its ${plan.gpuLayers.total} layers on the GPU: no spec fits whole`
      : '';
    parts.push(
      `${best.size}B ${largest} in ${budgetText(best.fit)} (needs about ${gib(neededBytes)}${context})${offload}`,
    );
    if (best.lowBit && scored.some((s) => s.engine !== null && !s.lowBit)) {
      parts.push(`${best.spec.quantization} is below 4 bits, taken because no spec of 4 bits or more fits`);
    } else if (peers.some((s) => s.lowBit && !tooLarge(s) && s.size > best.size)) {
      parts.push('larger sizes fit only below 4 bits, which lose too much to be worth it');
    }
  } else {
    parts.push(
      `no spec fits in ${budgetText(best.fit)}, so the one needing least was taken (about ${gib(neededBytes)})`,
    );
  }
  if (peers.some((s) => s.size === best.size && s.quality < best.quality)) {
    parts.push(`${best.spec.quantization} is the least lossy quantization of that size${fits ? ' that fits' : ''}`);
  }
  return `picked ${picked}: ${parts.join('; ')}.`;
}
