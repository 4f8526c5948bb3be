/**
 * The conformance kit for backend authors: `describeConformance(plugin)` in a vitest file checks
 * that every backend meets the contract the core relies on. The grid and each check are plain
 * functions returning findings, usable without vitest.
 *
 * @packageDocumentation
 */
export { checkLaunch, type LaunchCheckOptions } from './check-launch.js';
export { checkMatches, eligibleCases, verdictProblems } from './check-matches.js';
export { CONFORMANCE_API_KEY, checkPlans, type PlanCheckOptions } from './check-plans.js';
export { describeConformance } from './describe-conformance.js';
export {
  FAKE_ENGINE_SOURCE,
  type FakeEngineSupervisor,
  fakeEnginePlan,
  fakeEngineSupervisor,
} from './fake-engine.js';
export {
  type Case,
  CONFORMANCE_CHECKS,
  type ConformanceCheck,
  describeCase,
  type Finding,
  formatFinding,
} from './finding.js';
export {
  type ConformanceGrid,
  conformanceGrid,
  GRID_FAMILIES,
  GRID_QUANTIZATIONS,
  type GridOptions,
  gridCases,
  UNKNOWN_QUANTIZATION,
} from './grid.js';
export { argvProblems, contractProblems, loopbackProblems, secretProblems } from './plan-checks.js';
export {
  backendsOf,
  type ConformanceOptions,
  type ConformanceReport,
  runConformance,
} from './run-conformance.js';
