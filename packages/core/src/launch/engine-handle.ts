import type { LaunchPlan } from './launch-plan.js';

export interface EngineExit {
  readonly code: number | null;
  readonly signal: string | null;
}

export interface EngineLogLine {
  readonly stream: 'stdout' | 'stderr';
  readonly line: string;
}

/** A running engine server, ready to take requests. */
export interface EngineHandle {
  readonly backend: string;
  readonly plan: LaunchPlan;
  readonly pid: number;
  readonly port: number;
  /** Root URL of the server, e.g. `http://127.0.0.1:8000`. */
  readonly url: string;
  /** Base URL for OpenAI clients, `url` + `/v1`. */
  readonly baseUrl: string;
  /** Every log line from now on, as the engine prints it. */
  readonly logs: AsyncIterable<EngineLogLine>;
  /** The last lines the engine printed, oldest first. */
  recentLogs(): readonly EngineLogLine[];
  /** Settles when the engine's process has exited, however that happened. */
  readonly exited: Promise<EngineExit>;
  /**
   * Stops the engine and every process it started, with its stop signal and SIGKILL after the grace
   * period; `force` kills at once (a second Ctrl-C). Safe to call more than once.
   */
  stop(options?: StopOptions): Promise<EngineExit>;
}

export interface StopOptions {
  /** SIGKILL now, without waiting out the grace period. */
  readonly force?: boolean;
}
