import type { EngineHandle } from '../launch/engine-handle.js';
import type { LaunchPlan } from '../launch/launch-plan.js';
import type { SuperviseOptions, Supervisor } from '../launch/supervisor.js';

// Placeholder until the supervisor issue lands: the contract is fixed, the implementation is not.
export class EngineSupervisor implements Supervisor {
  freePort(_bind: string): Promise<number> {
    throw new Error('The engine supervisor is not implemented yet.');
  }
  start(_plan: LaunchPlan, _options?: SuperviseOptions): Promise<EngineHandle> {
    throw new Error('The engine supervisor is not implemented yet.');
  }
}
