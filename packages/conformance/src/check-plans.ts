import type { Backend, LaunchPlan } from '@switchyard/core';
import { isSwitchyardError, parseLaunchOptions, type ResolvedLaunchOptions } from '@switchyard/core';
import { type Case, describeError, type Finding, FindingCollector } from './finding.js';
import { argvProblems, contractProblems, loopbackProblems, secretProblems } from './plan-checks.js';

/** An API key the checks pass to plans and then look for where it must not be. */
export const CONFORMANCE_API_KEY = 'sk-switchyard-conformance-4f2a9c';
/** A port no engine defaults to, so a plan that ignores options.port shows. */
const CONFORMANCE_PORT = 18_431;
/** Plans are pure and cheap, but thousands say no more than a spread of a few hundred. */
const DEFAULT_MAX_PLANS = 300;

export interface PlanCheckOptions {
  /** How many of the eligible cases to plan, spread evenly over them; 300 by default. */
  readonly maxPlans?: number;
}

/**
 * Plans a spread of the eligible cases with default options and with an API key, and reports plans
 * that run a shell or a command line (`plan-argv`), listen beyond loopback by default
 * (`plan-loopback`), put the key in argv (`plan-secrets`), or ignore the options they were given
 * (`plan-contract`), or refuse with default options a case matches accepts (`plan-eligible`:
 * eligible must mean a plan can be made). A plan may refuse an option it cannot honour with a
 * SwitchyardError; any other throw is a finding.
 */
export function checkPlans(backend: Backend, eligible: readonly Case[], options: PlanCheckOptions = {}): Finding[] {
  const findings = new FindingCollector(backend.name);
  const { plan } = backend;
  // A backend without a plan starts its engine some other way: there is no argv to check.
  if (plan === undefined) return findings.list();
  if (eligible.length === 0) {
    findings.add(
      'coverage',
      'no case of the grid is eligible, so no plan was checked; add the models, hosts or runtimes your backend accepts to the grid options',
    );
    return findings.list();
  }
  const defaults: ResolvedLaunchOptions = { ...parseLaunchOptions({}), port: CONFORMANCE_PORT };
  const withKey: ResolvedLaunchOptions = { ...defaults, apiKey: CONFORMANCE_API_KEY };
  for (const where of spread(eligible, options.maxPlans ?? DEFAULT_MAX_PLANS)) {
    const planned = attemptPlan(plan, where, defaults, findings, true);
    if (planned) {
      for (const problem of contractProblems(planned, backend.name, defaults))
        findings.add('plan-contract', problem, where);
      for (const problem of argvProblems(planned)) findings.add('plan-argv', problem, where);
      for (const problem of loopbackProblems(planned)) findings.add('plan-loopback', problem, where);
    }
    const keyed = attemptPlan(plan, where, withKey, findings);
    if (keyed)
      for (const problem of secretProblems(keyed, CONFORMANCE_API_KEY)) findings.add('plan-secrets', problem, where);
  }
  return findings.list();
}

/** The plan, or undefined when the backend refused the options with a SwitchyardError. */
function attemptPlan(
  plan: NonNullable<Backend['plan']>,
  where: Case,
  options: ResolvedLaunchOptions,
  findings: FindingCollector,
  byDefault = false,
): LaunchPlan | undefined {
  try {
    return plan(where.spec, where.host, options);
  } catch (error) {
    if (byDefault && isSwitchyardError(error)) {
      findings.add(
        'plan-eligible',
        `matches accepts this case but plan refuses it with default options (${error.message}); refuse it in matches, saying what is missing`,
        where,
      );
    } else if (!isSwitchyardError(error)) {
      findings.add(
        'plan-contract',
        `plan threw ${describeError(error)} for a case matches accepts; refuse with a SwitchyardError that says what to do`,
        where,
      );
    }
    return undefined;
  }
}

/** At most `count` items, evenly spread and always including the first. */
export function spread<T>(items: readonly T[], count: number): T[] {
  if (items.length <= count) return [...items];
  const step = items.length / count;
  return Array.from({ length: count }, (_, i) => items[Math.floor(i * step)] as T);
}
