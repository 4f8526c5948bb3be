import type { Supervisor } from './supervisor.js';

let shared: Promise<Supervisor> | undefined;

function load(): Promise<Supervisor> {
  shared ??= import('../supervisor/engine-supervisor.js').then((module) => new module.EngineSupervisor());
  return shared;
}

/**
 * The process-wide supervisor. It loads on first use, so commands that never spawn an engine
 * (select, plan) do not pay for process management.
 */
export const defaultSupervisor: Supervisor = {
  freePort: async (bind) => (await load()).freePort(bind),
  start: async (plan, options) => (await load()).start(plan, options),
};
