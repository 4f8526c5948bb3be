import { InvalidPluginError } from '../errors/registry-errors.js';
import { EngineNotEligibleError } from '../errors/selection-errors.js';
import { isSwitchyardError } from '../errors/switchyard-error.js';
import type { HostInfo } from '../host/host-info.js';
import type { RuntimeDetection } from '../host/runtime-detection.js';
import { defaultSupervisor } from '../launch/default-supervisor.js';
import { planWithEngineArguments } from '../launch/engine-arguments.js';
import { type LaunchOptionsInput, parseLaunchOptions, type ResolvedLaunchOptions } from '../launch/launch-options.js';
import type { LaunchPlan } from '../launch/launch-plan.js';
import type { ModelSpec } from '../spec/model-spec.js';
import type { Backend, LaunchContext } from './backend.js';
import type { MatchResult } from './match-result.js';
import { matchRules, type Rule } from './rule.js';

export interface BackendDefinition {
  readonly name: string;
  readonly displayName?: string;
  readonly priority: number;
  readonly defaultPort: number;
  readonly description?: string;
  /** Runtimes host detection should look for, e.g. `{ name: 'lmdeploy', pythonPackage: 'lmdeploy' }`. */
  readonly runtimes?: readonly RuntimeDetection[];
  /** Eligibility as data; `matches` is derived from them. */
  readonly rules: readonly Rule[];
  readonly plan: (spec: ModelSpec, host: HostInfo, options: ResolvedLaunchOptions) => LaunchPlan;
  /** How the engine fills a GPU, for memory plans (see Backend.memory). */
  readonly memory?: Backend['memory'];
  /** See {@link Backend.needsLocalFiles}. */
  readonly needsLocalFiles?: Backend['needsLocalFiles'];
}

/** A backend built by `defineBackend`: every optional part of the contract is filled in. */
export interface DefinedBackend extends Backend {
  readonly displayName: string;
  readonly defaultPort: number;
  readonly description: string;
  readonly runtimes: readonly RuntimeDetection[];
  readonly plan: (spec: ModelSpec, host: HostInfo, options: ResolvedLaunchOptions) => LaunchPlan;
}

const BACKEND_NAME = /^[a-z][a-z0-9-]*$/;
const FREE_PORT_ATTEMPTS = 3;

/** Builds a Backend from its rules and its plan; `matches` and `launch` come for free. */
export function defineBackend(definition: BackendDefinition): DefinedBackend {
  const { name, rules, plan } = definition;
  if (!BACKEND_NAME.test(name)) {
    throw new InvalidPluginError(`Backend "${name}"`, 'its name must be lower-case letters, digits and dashes');
  }
  if (!Number.isFinite(definition.priority)) {
    throw new InvalidPluginError(`Backend "${name}"`, 'its priority must be a finite number');
  }
  const backend: DefinedBackend = {
    name,
    displayName: definition.displayName ?? name,
    priority: definition.priority,
    defaultPort: definition.defaultPort,
    description: definition.description ?? '',
    runtimes: definition.runtimes ?? [],
    ...(definition.memory === undefined ? {} : { memory: definition.memory }),
    matches: (spec: ModelSpec, host: HostInfo): MatchResult => matchRules(rules, spec, host),
    plan,
    ...(definition.needsLocalFiles === undefined ? {} : { needsLocalFiles: definition.needsLocalFiles }),
    launch: (spec, host, options, context) => launchBackend(backend, spec, host, options, context),
  };
  return Object.freeze(backend);
}

async function launchBackend(
  backend: DefinedBackend,
  spec: ModelSpec,
  host: HostInfo,
  options: LaunchOptionsInput = {},
  context: LaunchContext = {},
) {
  const verdict = backend.matches(spec, host);
  if (!verdict.eligible) throw new EngineNotEligibleError(backend.name, verdict.reasons);
  const resolved = parseLaunchOptions(options);
  const supervisor = context.supervisor ?? defaultSupervisor;
  const start = (port: number) =>
    supervisor.start(planWithEngineArguments(backend, spec, host, { ...resolved, port }), context.supervise);
  if (resolved.port !== undefined) return start(resolved.port);
  // A free port can be taken between picking it and binding it; then pick another, as nobody asked for this one.
  for (let attempt = 1; ; attempt++) {
    try {
      return await start(await supervisor.freePort(resolved.bind));
    } catch (error) {
      if (!isSwitchyardError(error) || error.code !== 'PORT_IN_USE' || attempt === FREE_PORT_ATTEMPTS) throw error;
    }
  }
}
