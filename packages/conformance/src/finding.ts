import type { HostInfo, ModelSpec } from '@switchyard/core';

/** The obligations the conformance kit checks; each finding names the one it breaks. */
export const CONFORMANCE_CHECKS = {
  plugin: 'the plugin registers: this API version, one backend per name',
  'matches-total': 'matches never throws',
  'matches-pure': 'matches is a pure function of (spec, host)',
  'verdict-reasons': 'an ineligible verdict carries one reason per failed rule',
  coverage: 'the grid holds (spec, host) pairs the backend accepts',
  'plan-contract': 'plans honour the options and name a readiness check',
  'plan-eligible': 'every case matches accepts plans with default options',
  'plan-argv': 'plans run an executable with an argv array, never a shell',
  'plan-loopback': 'plans bind to loopback by default',
  'plan-secrets': 'plans keep secrets out of argv',
  launch: 'launch and stop work against the fake engine',
} as const;

export type ConformanceCheck = keyof typeof CONFORMANCE_CHECKS;

/** One broken obligation, with the (spec, host) it showed on when there is one. */
export interface Finding {
  readonly check: ConformanceCheck;
  readonly backend: string;
  readonly message: string;
  readonly spec?: ModelSpec;
  readonly host?: HostInfo;
}

export interface Case {
  readonly spec: ModelSpec;
  readonly host: HostInfo;
}

/** One line per finding, naming the check, the backend and the case. */
export function formatFinding(finding: Finding): string {
  const where = finding.spec && finding.host ? ` [${describeCase(finding)}]` : '';
  return `${finding.check}: ${finding.backend}: ${finding.message}${where}`;
}

/** A compact description of a grid case, e.g. `llama-3.1-instruct gptq/Int4 (hub) on linux/x64, 2 nvidia GPU(s), engines vllm`. */
export function describeCase({ spec, host }: { spec?: ModelSpec; host?: HostInfo }): string {
  if (!spec || !host) return '';
  const location = spec.modelPath ? `path ${spec.modelPath}` : spec.hubId ? `hub ${spec.hubId}` : 'name only';
  const gpus = host.gpus.length === 0 ? 'no GPU' : `${host.gpus.length} ${host.gpus[0]?.vendor} GPU(s)`;
  const engines = Object.keys(host.engines);
  return `${spec.modelFamily} ${spec.format}/${spec.quantization} (${location}) on ${host.os}/${host.arch}, ${gpus}, engines ${
    engines.length === 0 ? 'none' : engines.join(',')
  }`;
}

/**
 * Collects findings for one backend, keeping the first few per check: a fault usually shows on
 * thousands of grid cases, and the first ones say enough.
 */
export class FindingCollector {
  private readonly findings: Finding[] = [];
  private readonly omitted = new Map<ConformanceCheck, number>();

  constructor(
    private readonly backend: string,
    private readonly keepPerCheck = 5,
  ) {}

  add(check: ConformanceCheck, message: string, where: Partial<Case> = {}): void {
    const kept = this.findings.filter((finding) => finding.check === check).length;
    if (kept >= this.keepPerCheck) {
      this.omitted.set(check, (this.omitted.get(check) ?? 0) + 1);
      return;
    }
    this.findings.push({ check, backend: this.backend, message, ...where });
  }

  list(): Finding[] {
    const summaries = [...this.omitted].map(
      ([check, count]): Finding => ({ check, backend: this.backend, message: `…and ${count} more like these` }),
    );
    return [...this.findings, ...summaries];
  }
}

/** An error as one line: its class, code when it has one, and message. */
export function describeError(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const code = (error as { code?: unknown }).code;
  return `${error.name}${typeof code === 'string' ? ` (${code})` : ''}: ${error.message}`;
}
