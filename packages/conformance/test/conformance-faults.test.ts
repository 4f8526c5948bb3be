import { type Backend, definePlugin } from '@switchyard/core';
import { describe, expect, it } from 'vitest';
import {
  type ConformanceCheck,
  describeConformance,
  type Finding,
  formatFinding,
  runConformance,
} from '../src/index.js';
import {
  bypassingBackend,
  commandLineBackend,
  goodBackend,
  impureBackend,
  leakyBackend,
  reasonlessBackend,
  shellBackend,
  throwingBackend,
  unmarkedSecretBackend,
  unstoppableBackend,
  wildcardBackend,
} from './seeded-backends.js';

const checksFailed = (findings: readonly Finding[]) => new Set(findings.map((finding) => finding.check));

async function findingsFor(backend: Backend, launch = false) {
  return (await runConformance(backend, { launch })).findings;
}

describe('the conformance kit', () => {
  it('finds nothing wrong with a backend that meets the contract, launch included', async () => {
    const report = await runConformance(goodBackend);
    expect(report.findings.map(formatFinding)).toEqual([]);
    expect(report.backends).toEqual(['good']);
    expect(report.cases).toBeGreaterThan(10_000);
  });

  it.each<[string, Backend, ConformanceCheck | ConformanceCheck[], RegExp]>([
    ['matches throws on some input', throwingBackend, 'matches-total', /matches threw TypeError: cannot read/],
    ['an ineligible verdict has no reasons', reasonlessBackend, 'verdict-reasons', /ineligible but gives no reason/],
    ['matches depends on hidden state', impureBackend, 'matches-pure', /then .* for the same \(spec, host\)/],
    ['the plan runs sh -c with a command string', shellBackend, 'plan-argv', /runs the shell "sh"/],
    [
      'the plan puts a command line in command',
      commandLineBackend,
      'plan-argv',
      /is a command line, not an executable/,
    ],
    ['the API key is passed in argv', leakyBackend, 'plan-secrets', /API key appears in the command line/],
    ['the API key is in env but not marked secret', unmarkedSecretBackend, 'plan-secrets', /not listed in secretEnv/],
    // Ignoring options.bind also breaks the plan contract.
    [
      'the plan binds 0.0.0.0 whatever it is told',
      wildcardBackend,
      ['plan-loopback', 'plan-contract'],
      /binds 0\.0\.0\.0 by default/,
    ],
  ])('catches a backend where %s, and only that', async (_fault, backend, checks, message) => {
    const [check, ...alsoBroken] = [checks].flat();
    const findings = await findingsFor(backend);
    expect(checksFailed(findings)).toEqual(new Set([check, ...alsoBroken]));
    expect(findings.find((finding) => finding.check === check)?.message).toMatch(message);
  });

  it('names the (spec, host) a fault shows on', async () => {
    const [first] = await findingsFor(throwingBackend);
    expect(first?.spec?.format).toBe('ggmlv3');
    expect(first?.host).toBeDefined();
    expect(formatFinding(first as Finding)).toMatch(/^matches-total: throws-on-ggml: .*\[.* ggmlv3\/.* on \w+\/\w+/);
  });

  it('keeps the first few findings per check and counts the rest', async () => {
    const findings = await findingsFor(throwingBackend);
    expect(findings).toHaveLength(6);
    expect(findings.at(-1)?.message).toMatch(/^…and \d+ more like these$/);
  });

  it('catches a launch that bypasses the supervisor it was given', async () => {
    const findings = await findingsFor(bypassingBackend, true);
    expect(findings).toHaveLength(1);
    expect(formatFinding(findings[0] as Finding)).toMatch(
      /^launch: bypasses-supervisor: launch started 0 engines through the supervisor it was given, not one \[/,
    );
  });

  it('kills the engine of a launch whose stop() never ends, and says so', async () => {
    const findings = await findingsFor(unstoppableBackend, true);
    const messages = findings.map(formatFinding);
    expect(messages).toContainEqual(
      expect.stringMatching(/^launch: unstoppable: stop did not resolve within 10 s; the engine was killed/),
    );
    expect(messages).toContainEqual(
      expect.stringMatching(/launch started 0 engines through the supervisor it was given/),
    );
  }, 30_000);

  it.each([
    ['is built for another API version', { apiVersion: 2, backends: [goodBackend] }, /plugin API v2, but .* v1/],
    ['has two backends of one name', { apiVersion: 1, backends: [goodBackend, goodBackend] }, /"good"/],
  ])('catches a plugin that %s, as createSwitchyard would refuse it', async (_fault, plugin, message) => {
    const { findings } = await runConformance({ name: 'faulty', ...plugin }, { launch: false });
    const refusals = findings.filter((finding) => finding.check === 'plugin');
    expect(refusals).toHaveLength(1);
    expect(formatFinding(refusals[0] as Finding)).toMatch(/^plugin: faulty: createSwitchyard would refuse it: /);
    expect(refusals[0]?.message).toMatch(message);
    const fine = await runConformance(definePlugin({ name: 'fine', apiVersion: 1, backends: [goodBackend] }), {
      launch: false,
    });
    expect(fine.findings).toEqual([]);
  });

  it('reports a backend the grid never finds eligible instead of passing it unchecked', async () => {
    const never = {
      ...goodBackend,
      name: 'never',
      matches: () => ({ eligible: false, reasons: ['no'], failedRules: ['x'] }),
    };
    expect(checksFailed(await findingsFor(never, true))).toEqual(new Set(['coverage']));
  });
});

describeConformance(goodBackend);
