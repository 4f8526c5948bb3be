/**
 * How the supervisor decides an engine is ready: it repeats this HTTP request against the engine
 * until the answer has `expectStatus`, while the process is alive.
 */
export interface ReadinessCheck {
  readonly method: 'GET' | 'POST';
  readonly path: string;
  /** JSON body for POST probes (e.g. a one-token completion for engines whose /health lies). */
  readonly body?: unknown;
  readonly expectStatus: number;
  /** What the engine does while it loads, for people reading the plan. */
  readonly note?: string;
}

/** Everything needed to start one engine server, as data: nothing here has been run. */
export interface LaunchPlan {
  readonly backend: string;
  /** The program that will serve: e.g. `vllm`, `llama-server`, `node-llama-cpp`. */
  readonly runtime: string;
  /** Why this runtime was chosen, when the backend had several. */
  readonly runtimeReason?: string;
  /** Executable, looked up on PATH; never run through a shell. */
  readonly command: string;
  readonly args: readonly string[];
  /** Variables set on top of the parent's environment. */
  readonly env: Readonly<Record<string, string>>;
  /** Names in `env` whose values are secrets: masked whenever a plan is shown. */
  readonly secretEnv: readonly string[];
  readonly host: string;
  readonly port: number;
  /** The model id clients must send. */
  readonly servedModelName: string;
  /**
   * Symbolic links (a relative name → an absolute target) the engine finds in its working directory:
   * a private one the supervisor makes for it and removes when it stops. Without them the engine
   * runs in Switchyard's working directory. How an engine that answers only to the name it loaded a
   * model by (transformers serve) serves a local model under the served name.
   */
  readonly workdirLinks?: Readonly<Record<string, string>>;
  readonly readiness: ReadinessCheck;
  /** Signal that makes this engine shut down cleanly. */
  readonly stopSignal: 'SIGTERM' | 'SIGINT';
  /** Said when `command` is missing. */
  readonly installHint: string;
}

const MASK = '***';

/** The plan with secret values replaced, for printing and logs. */
export function maskSecrets(plan: LaunchPlan): LaunchPlan {
  if (plan.secretEnv.length === 0) return plan;
  const env = { ...plan.env };
  for (const name of plan.secretEnv) if (name in env) env[name] = MASK;
  return { ...plan, env };
}

/** The URL a client should use to reach the engine; a wildcard bind is reached through loopback. */
export function engineUrl(plan: Pick<LaunchPlan, 'host' | 'port'>): string {
  const host = plan.host === '0.0.0.0' || plan.host === '::' ? '127.0.0.1' : plan.host;
  return `http://${host.includes(':') ? `[${host}]` : host}:${plan.port}`;
}
