import type { Backend, SwitchyardPlugin } from '@switchyard/core';
import { SwitchyardError } from '@switchyard/core';
import { checkLaunch, DEFAULT_READY_TIMEOUT_MS } from './check-launch.js';
import { checkMatches, eligibleCases } from './check-matches.js';
import { checkPlans } from './check-plans.js';
import { checkPlugin } from './check-plugin.js';
import { type Case, CONFORMANCE_CHECKS, type ConformanceCheck, type Finding, formatFinding } from './finding.js';
import { backendsOf, type ConformanceOptions, gridFor, launchOptions } from './run-conformance.js';

// vitest is an optional peer: the rest of the kit works without it.
const vitest = await import('vitest').catch(() => undefined);

const MATCH_CHECKS: readonly ConformanceCheck[] = ['matches-total', 'matches-pure', 'verdict-reasons'];
const PLAN_CHECKS: readonly ConformanceCheck[] = [
  'coverage',
  'plan-contract',
  'plan-eligible',
  'plan-argv',
  'plan-loopback',
  'plan-secrets',
];

/**
 * Declares the conformance suite in vitest: one `describe` per backend of the plugin, one test per
 * obligation, each failing with the findings as readable lines.
 *
 * ```ts
 * import { describeConformance } from '@switchyard/conformance';
 * import plugin from '@switchyard/core';
 *
 * describeConformance(plugin);
 * ```
 */
export function describeConformance(target: SwitchyardPlugin | Backend, options: ConformanceOptions = {}): void {
  if (!vitest) {
    throw new SwitchyardError('VITEST_MISSING', 'describeConformance runs inside vitest, which is not installed.', {
      hint: 'Install vitest as a dev dependency, or call runConformance(plugin) and check its findings yourself.',
    });
  }
  const { beforeAll, describe, expect, it } = vitest;
  if ('backends' in target) {
    it(`${target.name}: ${CONFORMANCE_CHECKS.plugin}`, () => {
      expect(checkPlugin(target).map(formatFinding)).toEqual([]);
    });
  }
  for (const backend of backendsOf(target)) {
    describe(`${backend.name} meets the Switchyard backend contract`, () => {
      let findings: Finding[] = [];
      let eligible: Case[] = [];
      beforeAll(() => {
        const grid = gridFor(target, options);
        eligible = eligibleCases(backend, grid);
        findings = [...checkMatches(backend, grid), ...checkPlans(backend, eligible, options)];
      });
      for (const check of [...MATCH_CHECKS, ...PLAN_CHECKS]) {
        it(CONFORMANCE_CHECKS[check], () => {
          expect(findings.filter((finding) => finding.check === check).map(formatFinding)).toEqual([]);
        });
      }
      if (options.launch !== false) {
        const launch = launchOptions(options);
        // Room for the engine to load and to stop, whatever the project's default test timeout.
        const timeout = (launch.readyTimeoutMs ?? DEFAULT_READY_TIMEOUT_MS) + 10_000;
        it(
          CONFORMANCE_CHECKS.launch,
          async () => {
            if (eligible.length === 0) return; // the coverage test above fails already
            expect((await checkLaunch(backend, eligible, launch)).map(formatFinding)).toEqual([]);
          },
          timeout,
        );
      }
    });
  }
}
