import type { Backend, SwitchyardPlugin } from '@switchyard/core';
import { checkLaunch, type LaunchCheckOptions } from './check-launch.js';
import { checkMatches, eligibleCases } from './check-matches.js';
import { checkPlans, type PlanCheckOptions } from './check-plans.js';
import { checkPlugin } from './check-plugin.js';
import type { Finding } from './finding.js';
import { type ConformanceGrid, conformanceGrid, type GridOptions } from './grid.js';

export interface ConformanceOptions extends PlanCheckOptions {
  /** Widen the grid with the families, runtimes, models or hosts your backend is made for. */
  readonly grid?: GridOptions;
  /** Launch against the fake engine (default), tune that launch, or skip it with `false`. */
  readonly launch?: boolean | LaunchCheckOptions;
}

export interface ConformanceReport {
  /** Empty when every backend meets every obligation. */
  readonly findings: readonly Finding[];
  readonly backends: readonly string[];
  /** How many (spec, host) cases each backend was judged on. */
  readonly cases: number;
}

/** The backends of a plugin, or the backend itself. */
export function backendsOf(target: SwitchyardPlugin | Backend): readonly Backend[] {
  return 'backends' in target ? target.backends : [target];
}

/** The grid a plugin is judged on: the runtimes its backends tell host detection about are installed in its hosts too. */
export function gridFor(target: SwitchyardPlugin | Backend, options: ConformanceOptions): ConformanceGrid {
  const declared = backendsOf(target).flatMap((backend) => (backend.runtimes ?? []).map((runtime) => runtime.name));
  return conformanceGrid({ ...options.grid, runtimes: [...(options.grid?.runtimes ?? []), ...declared] });
}

/** Runs every check on every backend of a plugin (or on one backend), without any test framework. */
export async function runConformance(
  target: SwitchyardPlugin | Backend,
  options: ConformanceOptions = {},
): Promise<ConformanceReport> {
  const grid = gridFor(target, options);
  const findings: Finding[] = checkPlugin(target);
  for (const backend of backendsOf(target)) {
    findings.push(...checkMatches(backend, grid));
    const eligible = eligibleCases(backend, grid);
    findings.push(...checkPlans(backend, eligible, options));
    if (options.launch !== false && eligible.length > 0) {
      findings.push(...(await checkLaunch(backend, eligible, launchOptions(options))));
    }
  }
  return {
    findings,
    backends: backendsOf(target).map((backend) => backend.name),
    cases: grid.specs.length * grid.hosts.length,
  };
}

export function launchOptions(options: ConformanceOptions): LaunchCheckOptions {
  return typeof options.launch === 'object' ? options.launch : {};
}
