import type { HostInfo } from '../host/host-info.js';
import type { ModelSpec } from '../spec/model-spec.js';
import type { MatchResult } from './match-result.js';

/**
 * One eligibility rule, stated as data: an id, a check, and the sentence to show when the check
 * fails. A rule that does not apply to a model (say, a GPTQ rule for a GGUF model) passes.
 */
export interface Rule {
  readonly id: string;
  check(spec: ModelSpec, host: HostInfo): boolean;
  reason(spec: ModelSpec, host: HostInfo): string;
}

export function defineRule(rule: Rule): Rule {
  return rule;
}

/** Runs every rule (not stopping at the first failure) so that all reasons are reported at once. */
export function matchRules(rules: readonly Rule[], spec: ModelSpec, host: HostInfo): MatchResult {
  const reasons: string[] = [];
  const failedRules: string[] = [];
  for (const rule of rules) {
    if (!rule.check(spec, host)) {
      reasons.push(rule.reason(spec, host));
      failedRules.push(rule.id);
    }
  }
  return { eligible: reasons.length === 0, reasons, failedRules };
}
