import type { Backend } from '../backend/backend.js';
import type { HostInfo } from '../host/host-info.js';
import type { ModelSpec } from '../spec/model-spec.js';
import { planWithEngineArguments } from './engine-arguments.js';
import { type LaunchOptionsInput, parseLaunchOptions } from './launch-options.js';
import type { LaunchPlan } from './launch-plan.js';

/**
 * The plan a backend would run, without running it. With no port given, the engine's own default
 * port is shown; `launch` picks a free port instead.
 */
export function planLaunch(
  backend: Backend,
  spec: ModelSpec,
  host: HostInfo,
  options: LaunchOptionsInput = {},
): LaunchPlan {
  const resolved = parseLaunchOptions(options);
  return planWithEngineArguments(backend, spec, host, { ...resolved, port: resolved.port ?? backend.defaultPort });
}
