import type { Backend, MatchResult } from '@switchyard/core';
import { type Case, describeError, type Finding, FindingCollector } from './finding.js';
import { type ConformanceGrid, gridCases } from './grid.js';

type Judgement = { readonly verdict: MatchResult } | { readonly error: unknown };

/**
 * Judges every case of the grid twice, the second time in reverse order, and reports verdicts that
 * threw (`matches-total`), changed between the passes (`matches-pure`) or are malformed, such as
 * an ineligible verdict without reasons (`verdict-reasons`).
 */
export function checkMatches(backend: Backend, grid: ConformanceGrid): Finding[] {
  const findings = new FindingCollector(backend.name);
  const cases = [...gridCases(grid)];
  const firstAnswers = cases.map((where) => {
    const judgement = judge(backend, where);
    if ('error' in judgement) {
      findings.add('matches-total', `matches threw ${describeError(judgement.error)}`, where);
      return undefined;
    }
    for (const problem of verdictProblems(judgement.verdict)) findings.add('verdict-reasons', problem, where);
    return canonical(judgement.verdict);
  });
  for (let i = cases.length - 1; i >= 0; i--) {
    const first = firstAnswers[i];
    const where = cases[i] as Case;
    if (first === undefined) continue;
    const again = judge(backend, where);
    const second = 'error' in again ? `a throw: ${describeError(again.error)}` : canonical(again.verdict);
    if (second !== first) {
      findings.add('matches-pure', `matches answered ${first}, then ${second} for the same (spec, host)`, where);
    }
  }
  return findings.list();
}

/** The cases the backend accepts, in grid order; cases whose `matches` throws are left out. */
export function eligibleCases(backend: Backend, grid: ConformanceGrid): Case[] {
  return [...gridCases(grid)].filter((where) => {
    const judgement = judge(backend, where);
    return 'verdict' in judgement && judgement.verdict.eligible === true;
  });
}

function judge(backend: Backend, { spec, host }: Case): Judgement {
  try {
    return { verdict: backend.matches(spec, host) };
  } catch (error) {
    return { error };
  }
}

/** What is wrong with a verdict's shape; an empty list when nothing is. */
export function verdictProblems(verdict: MatchResult): string[] {
  if (typeof verdict !== 'object' || verdict === null) return [`matches returned ${String(verdict)}, not a verdict`];
  const problems: string[] = [];
  const { eligible, reasons, failedRules } = verdict;
  if (typeof eligible !== 'boolean') problems.push(`eligible is ${typeof eligible}, not a boolean`);
  if (!Array.isArray(reasons) || reasons.some((reason) => typeof reason !== 'string' || reason.trim() === '')) {
    problems.push('reasons must be an array of non-empty sentences');
  } else if (eligible === false && reasons.length === 0) {
    problems.push('the verdict is ineligible but gives no reason');
  } else if (eligible === true && reasons.length > 0) {
    problems.push(`the verdict is eligible yet gives reasons: ${reasons.join(' ')}`);
  }
  if (!Array.isArray(failedRules) || (Array.isArray(reasons) && failedRules.length !== reasons.length)) {
    problems.push('failedRules must name one rule id per reason, in the same order');
  }
  return problems;
}

function canonical(verdict: MatchResult): string {
  if (typeof verdict !== 'object' || verdict === null) return String(verdict);
  return JSON.stringify({ eligible: verdict.eligible, reasons: verdict.reasons, failedRules: verdict.failedRules });
}
