import type { HostInfo } from '../host/host-info.js';
import type { RuntimeDetection } from '../host/runtime-detection.js';
import type { EngineHandle } from '../launch/engine-handle.js';
import type { LaunchOptionsInput, ResolvedLaunchOptions } from '../launch/launch-options.js';
import type { LaunchPlan } from '../launch/launch-plan.js';
import type { SuperviseOptions, Supervisor } from '../launch/supervisor.js';
import type { ModelSpec } from '../spec/model-spec.js';
import type { MatchResult } from './match-result.js';

export interface LaunchContext {
  /** Who spawns the engine; the process-wide default supervisor when absent. */
  readonly supervisor?: Supervisor;
  readonly supervise?: SuperviseOptions;
}

/** One inference engine Switchyard can choose and start. Build one with `defineBackend`. */
export interface Backend {
  /** Stable id used by `--engine`, preferences and JSON output, e.g. `vllm`. */
  readonly name: string;
  /** How people write the engine's name, e.g. `vLLM`. */
  readonly displayName: string;
  /** Higher wins among eligible backends. */
  readonly priority: number;
  /** The engine's own default port, shown by plans made without a port. */
  readonly defaultPort: number;
  readonly description: string;
  /**
   * How host detection finds this engine's runtimes, where Switchyard's own probes do not (a
   * plugin's engine): what it finds lands in `HostInfo.engines` under each runtime's name.
   */
  readonly runtimes?: readonly RuntimeDetection[];
  /** Pure and total: never throws, same answer for the same (spec, host). */
  matches(spec: ModelSpec, host: HostInfo): MatchResult;
  /** Pure: the command, arguments, environment and readiness check that would start the engine. */
  plan(spec: ModelSpec, host: HostInfo, options: ResolvedLaunchOptions): LaunchPlan;
  /** Plans with a free port and hands the plan to the supervisor; resolves when the engine is ready. */
  launch(spec: ModelSpec, host: HostInfo, options?: LaunchOptionsInput, context?: LaunchContext): Promise<EngineHandle>;
}
