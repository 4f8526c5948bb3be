import type { Backend } from '../backend/backend.js';
import type { HostInfo } from '../host/host-info.js';
import type { ModelSpec } from '../spec/model-spec.js';
import { planWithEngineArguments } from './engine-arguments.js';
import { type LaunchOptionsInput, parseLaunchOptions } from './launch-options.js';
import type { LaunchPlan } from './launch-plan.js';

/** The port a plan shows for a backend that names no default port of its own. */
export const FALLBACK_PLAN_PORT = 8000;

/**
 * The plan a backend would run, without running it; null for a backend that starts its engine some
 * other way and shows no plan. With no port given, the engine's own default port is shown; `launch`
 * picks a free port instead.
 */
export function planLaunch(
  backend: Backend,
  spec: ModelSpec,
  host: HostInfo,
  options: LaunchOptionsInput = {},
): LaunchPlan | null {
  const resolved = parseLaunchOptions(options);
  const { plan } = backend;
  if (plan === undefined) return null;
  return planWithEngineArguments({ plan }, spec, host, {
    ...resolved,
    port: resolved.port ?? backend.defaultPort ?? FALLBACK_PLAN_PORT,
  });
}
