import 'reflect-metadata';
import { inject, injectable, container as rootContainer } from 'tsyringe';
import type { LaunchContext } from './backend/backend.js';
import { NoEligibleEngineError, UnknownEngineError } from './errors/selection-errors.js';
import { type HostInfo, parseHostInfo } from './host/host-info.js';
import { type DetectOptions, detectedHost, fixedHost, type HostProvider } from './host/host-provider.js';
import { defaultSupervisor } from './launch/default-supervisor.js';
import type { EngineHandle } from './launch/engine-handle.js';
import type { LaunchOptionsInput } from './launch/launch-options.js';
import type { LaunchPlan } from './launch/launch-plan.js';
import { planLaunch } from './launch/plan-launch.js';
import type { SuperviseOptions, Supervisor } from './launch/supervisor.js';
import type { SwitchyardPlugin } from './plugin/plugin.js';
import { BackendRegistry } from './registry/backend-registry.js';
import { HOST_PROVIDER, PREFERENCES, SUPERVISOR } from './registry/tokens.js';
import { rankBackends } from './selection/rank-backends.js';
import type { Selection, SelectOptions } from './selection/selection.js';
import { type ModelSpec, type ModelSpecInput, parseModelSpec } from './spec/model-spec.js';

export interface SwitchyardOptions {
  readonly plugins?: readonly SwitchyardPlugin[];
  /** Plan for this host instead of detecting the machine (e.g. a parsed `--host-file`). */
  readonly host?: HostInfo | HostProvider;
  /** Engine names to prefer, in order, among eligible ones. */
  readonly prefer?: readonly string[];
  /** Who spawns engines; the process-wide supervisor by default. */
  readonly supervisor?: Supervisor;
}

export interface TargetOptions extends SelectOptions {
  /** The host to plan for; the instance's host (detected by default) when absent. */
  readonly host?: unknown;
  readonly detect?: DetectOptions;
}

export type PlanRequest = TargetOptions & LaunchOptionsInput;
export type LaunchRequest = PlanRequest & { readonly supervise?: SuperviseOptions };

/** One composition of plugins: selects an engine for a model on a host, plans it and launches it. */
@injectable()
export class Switchyard {
  constructor(
    @inject(BackendRegistry) readonly registry: BackendRegistry,
    @inject(HOST_PROVIDER) private readonly hostProvider: HostProvider,
    @inject(PREFERENCES) private readonly preferences: readonly string[],
    @inject(SUPERVISOR) private readonly supervisor: Supervisor,
  ) {}

  /** Adds a plugin's backends to this instance. */
  use(plugin: SwitchyardPlugin): this {
    this.registry.register(plugin);
    return this;
  }

  /** The host selections are made for unless one is passed; detection also looks for the backends' runtimes. */
  host(options: DetectOptions = {}): Promise<HostInfo> {
    const runtimes = this.registry.list().flatMap((backend) => backend.runtimes ?? []);
    return this.hostProvider.detect({ ...options, runtimes: [...(options.runtimes ?? []), ...runtimes] });
  }

  /** Ranks every backend for the model on the host and names the chosen one. */
  async select(spec: ModelSpecInput | ModelSpec, options: TargetOptions = {}): Promise<Selection> {
    const model = parseModelSpec(spec);
    const host = await this.resolveHost(options);
    return rankBackends(this.registry.list(), model, host, {
      ...(options.engine === undefined ? {} : { engine: options.engine }),
      prefer: options.prefer ?? this.preferences,
    });
  }

  /** Selects, then returns the chosen engine's plan without running anything. */
  async plan(
    spec: ModelSpecInput | ModelSpec,
    request: PlanRequest = {},
  ): Promise<{ selection: Selection; plan: LaunchPlan }> {
    const selection = await this.select(spec, request);
    const backend = this.chosenBackend(selection);
    return { selection, plan: planLaunch(backend, selection.spec, selection.host, launchOptionsOf(request)) };
  }

  /** Selects, then starts the chosen engine and resolves once it is ready. */
  async launch(spec: ModelSpecInput | ModelSpec, request: LaunchRequest = {}): Promise<EngineHandle> {
    const selection = await this.select(spec, request);
    const backend = this.chosenBackend(selection);
    const context: LaunchContext = {
      supervisor: this.supervisor,
      ...(request.supervise === undefined ? {} : { supervise: request.supervise }),
    };
    return backend.launch(selection.spec, selection.host, launchOptionsOf(request), context);
  }

  private chosenBackend(selection: Selection) {
    if (selection.chosen === null) throw new NoEligibleEngineError(selection.spec.modelName);
    const backend = this.registry.get(selection.chosen);
    if (!backend) throw new UnknownEngineError(selection.chosen, this.registry.names());
    return backend;
  }

  private resolveHost(options: TargetOptions): Promise<HostInfo> {
    if (options.host !== undefined) return Promise.resolve(parseHostInfo(options.host));
    return this.host(options.detect);
  }
}

const TARGET_KEYS = new Set(['host', 'detect', 'engine', 'prefer', 'supervise']);

function launchOptionsOf(request: PlanRequest): LaunchOptionsInput {
  return Object.fromEntries(Object.entries(request).filter(([key]) => !TARGET_KEYS.has(key))) as LaunchOptionsInput;
}

/**
 * Creates an instance with its own child container: instances share no state, so tests and
 * embedders can run several side by side.
 */
export function createSwitchyard(options: SwitchyardOptions = {}): Switchyard {
  const container = rootContainer.createChildContainer();
  const host = options.host;
  const provider: HostProvider =
    host === undefined ? detectedHost : 'detect' in host ? host : fixedHost(parseHostInfo(host));
  container.registerSingleton(BackendRegistry);
  container.register(HOST_PROVIDER, { useValue: provider });
  container.register(PREFERENCES, { useValue: options.prefer ?? [] });
  container.register(SUPERVISOR, { useValue: options.supervisor ?? defaultSupervisor });
  const switchyard = container.resolve(Switchyard);
  for (const plugin of options.plugins ?? []) switchyard.use(plugin);
  return switchyard;
}
