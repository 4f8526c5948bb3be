import type { EngineMemoryProfile } from '../fit/engine-memory-profile.js';
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

/**
 * One inference engine Switchyard can choose and start. `name`, `priority`, `matches` and `launch`
 * are all a backend needs; `defineBackend` builds one from rules and a plan and fills the rest.
 */
export interface Backend {
  /** Stable id used by the `engine` option, preferences and JSON output, e.g. `vllm`. */
  readonly name: string;
  /** Higher wins among eligible backends. */
  readonly priority: number;
  /** Pure and total: same answer for the same (spec, host); a throw is reported as this backend's refusal. */
  matches(spec: ModelSpec, host: HostInfo): MatchResult;
  /** Starts the engine and resolves when it is ready; `defineBackend`'s plans with a free port and hands the plan to the supervisor. */
  launch(spec: ModelSpec, host: HostInfo, options?: LaunchOptionsInput, context?: LaunchContext): Promise<EngineHandle>;
  /**
   * Pure: the command, arguments, environment and readiness check that would start the engine.
   * A backend that starts its engine some other way (a container, a remote API) has none, and
   * `plan` then says that it shows no plan.
   */
  readonly plan?: (spec: ModelSpec, host: HostInfo, options: ResolvedLaunchOptions) => LaunchPlan;
  /** How people write the engine's name, e.g. `vLLM`; `name` when absent. */
  readonly displayName?: string;
  /** The engine's own default port, shown by plans made without a port. */
  readonly defaultPort?: number;
  readonly description?: string;
  /**
   * How host detection finds this engine's runtimes, where Switchyard's own probes do not (a
   * plugin's engine): what it finds lands in `HostInfo.engines` under each runtime's name.
   */
  readonly runtimes?: readonly RuntimeDetection[];
  /**
   * How the engine fills a GPU, for memory plans: its utilization target, how it spreads a model
   * over GPUs, its overhead. A function when it depends on the host (e.g. which runtime runs there).
   * Plans use a generic profile when absent.
   */
  readonly memory?: EngineMemoryProfile | ((host: HostInfo) => EngineMemoryProfile);
  /**
   * Whether the engine would load this spec only from local files (a runtime that cannot download),
   * so that a spec without `modelPath` must be fetched first. Absent: the engine takes the spec as it is.
   */
  readonly needsLocalFiles?: (spec: ModelSpec, host: HostInfo, options: LaunchOptionsInput) => boolean;
}

/** The name messages use for a backend: how people write it, else its id. */
export function displayNameOf(backend: Pick<Backend, 'name' | 'displayName'>): string {
  return backend.displayName ?? backend.name;
}
