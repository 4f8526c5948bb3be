import type { Backend } from '../backend/backend.js';
import type { MatchResult } from '../backend/match-result.js';
import { EngineNotEligibleError, UnknownEngineError } from '../errors/selection-errors.js';
import type { HostInfo } from '../host/host-info.js';
import type { ModelSpec } from '../spec/model-spec.js';
import type { Candidate, Selection, SelectOptions } from './selection.js';

/**
 * Judges every backend and ranks them: eligible first, by preference, then priority (higher first),
 * then name. A backend whose `matches` throws is ineligible with the error as its reason.
 */
export function rankBackends(
  backends: readonly Backend[],
  spec: ModelSpec,
  host: HostInfo,
  options: SelectOptions = {},
): Selection {
  const { engine, prefer = [] } = options;
  if (engine !== undefined && !backends.some((b) => b.name === engine)) {
    throw new UnknownEngineError(
      engine,
      backends.map((b) => b.name),
    );
  }
  const preference = (name: string) => {
    const index = prefer.indexOf(name);
    return index === -1 ? prefer.length : index;
  };
  const candidates: Candidate[] = backends.map((backend) => {
    const verdict = safeMatches(backend, spec, host);
    return { backend: backend.name, priority: backend.priority, eligible: verdict.eligible, reasons: verdict.reasons };
  });
  candidates.sort(
    (a, b) =>
      Number(b.eligible) - Number(a.eligible) ||
      (a.eligible ? preference(a.backend) - preference(b.backend) : 0) ||
      b.priority - a.priority ||
      a.backend.localeCompare(b.backend),
  );
  if (engine !== undefined) {
    const pinned = candidates.find((c) => c.backend === engine);
    if (pinned && !pinned.eligible) throw new EngineNotEligibleError(engine, pinned.reasons);
    return { spec, host, chosen: engine, candidates };
  }
  const best = candidates[0];
  return { spec, host, chosen: best?.eligible ? best.backend : null, candidates };
}

function safeMatches(backend: Backend, spec: ModelSpec, host: HostInfo): MatchResult {
  try {
    const verdict = backend.matches(spec, host);
    if (!verdict.eligible && verdict.reasons.length === 0) {
      return {
        eligible: false,
        reasons: [`${backend.displayName} refused this model without giving a reason (a bug in its plugin).`],
        failedRules: ['no-reason'],
      };
    }
    return verdict;
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return {
      eligible: false,
      reasons: [`${backend.displayName}'s eligibility check failed with an error: ${message}`],
      failedRules: ['threw'],
    };
  }
}
