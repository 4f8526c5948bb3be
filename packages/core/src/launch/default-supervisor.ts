import { loadOptionalPackage } from '../optional/optional-package.js';
import type { Supervisor } from './supervisor.js';

/** What a supervisor package gives: `@switchyard/supervisor`. */
export interface SupervisorPackage {
  readonly EngineSupervisor: new () => Supervisor;
}

/**
 * A supervisor that loads on first use, so that commands that never spawn an engine (select,
 * plan) do not pay for process management. One instance per call of this function.
 */
export function lazySupervisor(load: () => Promise<SupervisorPackage>): Supervisor {
  let shared: Promise<Supervisor> | undefined;
  const supervisor = () => {
    shared ??= load().then((module) => new module.EngineSupervisor());
    return shared;
  };
  return {
    freePort: async (bind) => (await supervisor()).freePort(bind),
    assertUsablePort: async (bind, port, backend) => (await supervisor()).assertUsablePort?.(bind, port, backend),
    start: async (plan, options) => (await supervisor()).start(plan, options),
  };
}

/**
 * The process-wide supervisor: `@switchyard/supervisor`, an optional peer installed with the CLI
 * and absent from a backend author's install.
 */
export const defaultSupervisor: Supervisor = lazySupervisor(() =>
  loadOptionalPackage<SupervisorPackage>(
    '@switchyard/supervisor',
    'Starting an engine',
    'pass the `supervisor` option',
  ),
);
