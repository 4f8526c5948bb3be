import type { EngineHandle } from './engine-handle.js';
import type { LaunchPlan } from './launch-plan.js';

export interface SuperviseOptions {
  /** How long the engine may take to become ready before it is stopped; default 10 minutes. */
  readonly readyTimeoutMs?: number;
  /** Aborting stops the engine, whether it is still loading or already serving. */
  readonly signal?: AbortSignal;
  /** Called with each log line while the engine loads, e.g. to show progress. */
  readonly onLog?: (line: string) => void;
  /** Called with the plan just before its command starts, e.g. to show it. */
  readonly onStart?: (plan: LaunchPlan) => void;
  /** How long the engine may take to exit after its stop signal before it is killed; default 10 seconds. */
  readonly stopTimeoutMs?: number;
}

/** The one part of Switchyard that spawns processes. */
export interface Supervisor {
  /** A port nothing listens on at `bind`, not handed out before by this supervisor. */
  freePort(bind: string): Promise<number>;
  /**
   * Refuses a pinned port the engine could not listen on at `bind` (taken, or below 1024 for this
   * user), before anything slow such as a download happens; `start` checks it again. Optional:
   * without it, the port is first checked at `start`.
   */
  assertUsablePort?(bind: string, port: number, backend: string): Promise<void>;
  /** Starts the plan's command and resolves once the readiness check passes. */
  start(plan: LaunchPlan, options?: SuperviseOptions): Promise<EngineHandle>;
}
