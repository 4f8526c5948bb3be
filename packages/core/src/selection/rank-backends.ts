import { type Backend, displayNameOf } from '../backend/backend.js';
import type { MatchResult } from '../backend/match-result.js';
import { EngineNotEligibleError, UnknownEngineError } from '../errors/selection-errors.js';
import type { HostInfo } from '../host/host-info.js';
import type { ModelSpec } from '../spec/model-spec.js';
import { engineOrder } from './engine-order.js';
import type { Candidate, SelectOptions } from './selection.js';

/** Every backend's verdict and who would run the spec: the first eligible, or the pinned engine. */
export interface Ranking {
  readonly chosen: string | null;
  readonly candidates: readonly Candidate[];
}

/**
 * Judges every backend and ranks them: eligible first, then in the one engine order (preference,
 * priority, name). A backend whose `matches` throws is ineligible with the error as its reason.
 */
export function rankBackends(
  backends: readonly Backend[],
  spec: ModelSpec,
  host: HostInfo,
  options: SelectOptions = {},
): Ranking {
  const { engine } = options;
  if (engine !== undefined) assertKnownEngine(engine, backends);
  const order = engineOrder(options.prefer);
  const candidates: Candidate[] = backends.map((backend) => {
    const verdict = safeMatches(backend, spec, host);
    return { backend: backend.name, priority: backend.priority, eligible: verdict.eligible, reasons: verdict.reasons };
  });
  candidates.sort(
    (a, b) =>
      Number(b.eligible) - Number(a.eligible) ||
      order({ name: a.backend, priority: a.priority }, { name: b.backend, priority: b.priority }),
  );
  if (engine !== undefined) {
    const pinned = candidates.find((c) => c.backend === engine);
    if (pinned && !pinned.eligible) throw new EngineNotEligibleError(engine, pinned.reasons);
    return { chosen: engine, candidates };
  }
  const best = candidates[0];
  return { chosen: best?.eligible ? best.backend : null, candidates };
}

export function assertKnownEngine(engine: string, backends: readonly Backend[]): void {
  if (!backends.some((b) => b.name === engine)) {
    throw new UnknownEngineError(
      engine,
      backends.map((b) => b.name),
    );
  }
}

function safeMatches(backend: Backend, spec: ModelSpec, host: HostInfo): MatchResult {
  const name = displayNameOf(backend);
  let verdict: Partial<MatchResult> | null;
  try {
    verdict = backend.matches(spec, host);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return refusal(`${name}'s eligibility check failed with an error: ${message}`, 'threw');
  }
  if (typeof verdict?.eligible !== 'boolean') {
    return refusal(`${name}'s eligibility check returned no { eligible } verdict (a bug in its plugin).`, 'no-verdict');
  }
  const reasons = Array.isArray(verdict.reasons) ? verdict.reasons : [];
  if (!verdict.eligible && reasons.length === 0) {
    return refusal(`${name} refused this model without giving a reason (a bug in its plugin).`, 'no-reason');
  }
  return { eligible: verdict.eligible, reasons, failedRules: verdict.failedRules ?? [] };
}

function refusal(reason: string, rule: string): MatchResult {
  return { eligible: false, reasons: [reason], failedRules: [rule] };
}
