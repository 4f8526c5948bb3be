/** A backend's verdict on a (model, host) pair. */
export interface MatchResult {
  readonly eligible: boolean;
  /** One sentence per failed rule: what was required, what was found, and the fix where there is one. */
  readonly reasons: readonly string[];
  /** The ids of the failed rules, in the same order as `reasons`. */
  readonly failedRules: readonly string[];
}
