// tsyringe reads constructor parameter types through the Reflect metadata API.
import 'reflect-metadata';
import { inject, injectable, container as rootContainer } from 'tsyringe';
import type { Backend, LaunchContext } from './backend/backend.js';
import { type Catalog, loadCatalog } from './catalog/catalog.js';
import { catalogEntries } from './catalog/catalog-entry.js';
import type { CatalogModel } from './catalog/catalog-schema.js';
import { type EngineOption, specOptions } from './catalog/engine-options.js';
import { ModelTooLargeError, NoEligibleEngineError, UnknownEngineError } from './errors/selection-errors.js';
import { type FetchProgress, type FetchRequest, type ModelFetcher, NO_MODEL_FETCHER } from './fetch/model-fetcher.js';
import type { MemoryPlan } from './fit/memory-plan.js';
import { type HostInfo, parseHostInfo } from './host/host-info.js';
import { type DetectOptions, detectedHost, fixedHost, type HostProvider } from './host/host-provider.js';
import { defaultSupervisor } from './launch/default-supervisor.js';
import type { EngineHandle } from './launch/engine-handle.js';
import { DEFAULT_BIND_ADDRESS, type LaunchOptionsInput } from './launch/launch-options.js';
import type { LaunchPlan } from './launch/launch-plan.js';
import { planLaunch } from './launch/plan-launch.js';
import type { SuperviseOptions, Supervisor } from './launch/supervisor.js';
import { type MemoryFitOptions, type MemoryPolicy, memoryPlanPolicy } from './memory/memory-policy.js';
import type { SwitchyardPlugin } from './plugin/plugin.js';
import { BackendRegistry } from './registry/backend-registry.js';
import {
  CATALOG,
  HOST_PROVIDER,
  MEMORY_POLICY,
  MODEL_FETCHER,
  MODEL_READERS,
  PREFERENCES,
  SUPERVISOR,
} from './registry/tokens.js';
import { checkModelPath } from './resolution/check-model-path.js';
import { hostWithGpus } from './resolution/gpu-selection.js';
import type { ModelOptions, ModelReader, ModelReading } from './resolution/model-reader.js';
import { type ModelReference, readModel } from './resolution/read-model.js';
import { catalogReader, catalogReading } from './resolution/readers/catalog-reader.js';
import { ggufFileReader } from './resolution/readers/gguf-file-reader.js';
import { modelFolderReader } from './resolution/readers/model-folder-reader.js';
import { chooseSpec } from './selection/choose-spec.js';
import type { Selection, SelectOptions } from './selection/selection.js';
import type { ModelSpec } from './spec/model-spec.js';

export interface SwitchyardOptions {
  readonly plugins?: readonly SwitchyardPlugin[];
  /** Plan for this host instead of detecting the machine (e.g. a parsed host file). */
  readonly host?: HostInfo | HostProvider;
  /** Engine names to prefer, in order, among eligible ones. */
  readonly prefer?: readonly string[];
  /** Who spawns engines; the process-wide supervisor by default. */
  readonly supervisor?: Supervisor;
  /** Whether a model fits a host, and how it is sized; a memory plan per engine (memoryPlanPolicy) by default. */
  readonly memoryPolicy?: MemoryPolicy;
  /** The catalog of named models; the builtin catalog (loaded on first use) by default. */
  readonly catalog?: Catalog;
  /**
   * Readers of model references, tried in order before the plugins' readers: the model folder
   * reader, the GGUF file reader and the catalog by default. A function is given those defaults,
   * e.g. to put a reader first.
   */
  readonly readers?: readonly ModelReader[] | ((defaults: readonly ModelReader[]) => readonly ModelReader[]);
  /**
   * Brings a model's files onto this machine when the chosen engine loads only local files (e.g.
   * `hubModelFetcher()` of `@switchyard/hub`); without one, such engines take only local models.
   */
  readonly fetcher?: ModelFetcher;
}

/** Where and how to select: the host, the model options and the engine choice. */
export interface SelectRequest extends ModelOptions, SelectOptions {
  /** The host to plan for; the instance's host (detected by default) when absent. */
  readonly host?: unknown;
  readonly detect?: DetectOptions;
  /** GPU indices the engine will use: the model is sized for their memory only. */
  readonly gpus?: number[];
  /** Pins the context length the engine is started with; else the plan sizes it (the model's maximum, or the most that fits). */
  readonly contextLength?: number;
  /** The least context a plan may size down to: a spec that cannot hold it does not fit. 8,192 by default. */
  readonly contextFloor?: number;
  /** Pins tensor parallel; it must divide the model's attention heads. */
  readonly tensorParallel?: number;
  /** Relative model paths resolve from here; the working directory by default. */
  readonly cwd?: string;
  /** The interpreter Python engines run in, and so the one detection looks for them in (unless `detect.python`). */
  readonly python?: string;
}

export type PlanRequest = SelectRequest & LaunchOptionsInput;
export type LaunchRequest = PlanRequest & {
  readonly supervise?: SuperviseOptions;
  /** Progress and cancellation of fetching the model's files, when the engine needs them first. */
  readonly fetch?: { readonly signal?: AbortSignal; readonly onProgress?: (progress: FetchProgress) => void };
};

/** The outcome of `plan`: the selection, and the chosen engine's plan (null when it shows none). */
export interface PlanResult {
  readonly selection: Selection;
  /** Null for an engine that starts itself some other way (a container, a remote API); `launch` still runs it. */
  readonly plan: LaunchPlan | null;
}

/** Which engine can run a model here, spec by spec, and the pick `select` would make. */
export interface EngineOptionsResult {
  readonly model: Pick<CatalogModel, 'modelName' | 'modelFamily' | 'abilities'>;
  readonly host: HostInfo;
  readonly pick: Selection;
  readonly options: readonly EngineOption[];
}

/** One composition of plugins: resolves a model reference, selects an engine for it on a host, plans it and launches it. */
@injectable()
export class Switchyard {
  private readonly pluginReaders: ModelReader[] = [];

  constructor(
    @inject(BackendRegistry) readonly registry: BackendRegistry,
    @inject(HOST_PROVIDER) private readonly hostProvider: HostProvider,
    @inject(PREFERENCES) private readonly preferences: readonly string[],
    @inject(SUPERVISOR) private readonly supervisor: Supervisor,
    @inject(MEMORY_POLICY) private readonly memoryPolicy: MemoryPolicy,
    @inject(CATALOG) readonly catalog: () => Promise<Catalog>,
    @inject(MODEL_READERS) private readonly readers: readonly ModelReader[],
    @inject(MODEL_FETCHER) private readonly fetcher: ModelFetcher,
  ) {}

  /** Adds a plugin's backends, and its model readers, to this instance. */
  use(plugin: SwitchyardPlugin): this {
    this.registry.register(plugin);
    this.pluginReaders.push(...(plugin.readers ?? []));
    return this;
  }

  /** The host selections are made for unless one is passed; detection also looks for the backends' runtimes. */
  host(options: DetectOptions = {}): Promise<HostInfo> {
    const runtimes = this.registry.list().flatMap((backend) => backend.runtimes ?? []);
    return this.hostProvider.detect({ ...options, runtimes: [...(options.runtimes ?? []), ...runtimes] });
  }

  /**
   * Resolves the model reference (a catalog or custom name, a .gguf path, or a spec object), picks
   * the spec that suits the host, ranks every backend for it and names the chosen one. A model that
   * fits nowhere in the host's memory is refused: `chosen` is null and every engine says why.
   */
  async select(model: ModelReference, request: SelectRequest = {}): Promise<Selection> {
    const [host, read] = await Promise.all([this.resolveHost(request), this.read(model, request)]);
    const reading = this.judged(read);
    const selection = chooseSpec(reading, this.registry.list(), host, hostWithGpus(host, request.gpus), {
      ...(request.engine === undefined ? {} : { engine: request.engine }),
      prefer: request.prefer ?? this.preferences,
      memory: this.memoryPolicy,
      fit: fitOptionsOf(request),
    });
    // Readers of files and folders have read theirs; a spec object's or a catalog model's local
    // files are read here, for the spec an engine would load (a catalog model need not have every
    // spec on disk; when no engine would, the refusal already says why nothing will start).
    const { spec } = selection;
    if (selection.chosen !== null && spec.modelPath !== undefined && reading.files === undefined) {
      const what = typeof model === 'string' ? `model ${spec.modelName}` : 'model spec';
      await checkModelPath(spec, request.cwd ?? process.cwd(), what);
    }
    return selection;
  }

  /** How a model reference reads: every spec it may run as, before any host is considered. */
  read(model: ModelReference, options: ModelOptions & { readonly cwd?: string } = {}): Promise<ModelReading> {
    return readModel(model, { options, cwd: options.cwd ?? process.cwd() }, this.allReaders(), this.catalog);
  }

  /** Selects, then returns the chosen engine's plan without running anything. */
  async plan(model: ModelReference, request: PlanRequest = {}): Promise<PlanResult> {
    const selection = await this.select(model, request);
    const backend = this.chosenBackend(selection);
    const options = sizedLaunchOptions(request, selection, backend);
    const spec = await this.localFiles(backend, selection, options, { download: false });
    return { selection, plan: planLaunch(backend, spec, selection.host, options) };
  }

  /** Selects, then starts the chosen engine and resolves once it is ready. */
  async launch(model: ModelReference, request: LaunchRequest = {}): Promise<EngineHandle> {
    const selection = await this.select(model, request);
    const backend = this.chosenBackend(selection);
    const context: LaunchContext = {
      supervisor: this.supervisor,
      ...(request.supervise === undefined ? {} : { supervise: request.supervise }),
    };
    const options = sizedLaunchOptions(request, selection, backend);
    // A pinned port the engine could not listen on is refused before the model is downloaded; only
    // for a backend that runs a local command (one with a plan), as others may not listen here at all.
    if (options.port !== undefined && backend.plan !== undefined) {
      await this.supervisor.assertUsablePort?.(options.bind ?? DEFAULT_BIND_ADDRESS, options.port, backend.name);
    }
    const spec = await this.localFiles(backend, selection, options, { download: true, ...request.fetch });
    return backend.launch(spec, selection.host, options, context);
  }

  /**
   * Every engine, format, size and quantization a model comes in, judged on the host, and the pick
   * `select` would make: a catalog model's every spec, or the one spec a model folder or a GGUF file
   * reads as. The `engine` option keeps only that engine.
   */
  async engineOptions(name: string, request: SelectRequest = {}): Promise<EngineOptionsResult> {
    const [host, catalog] = await Promise.all([this.resolveHost(request), this.catalog()]);
    const { engine } = request;
    if (engine !== undefined && !this.registry.get(engine)) throw new UnknownEngineError(engine, this.registry.names());
    const backends = this.registry.list().filter((b) => engine === undefined || b.name === engine);
    const prefer = request.prefer ?? this.preferences;
    const memory = this.memoryPolicy;
    const model = catalog.get(name);
    if (model) {
      return {
        model,
        host,
        pick: chooseSpec(this.judged(catalogReading(model)), backends, host, host, { prefer, memory }),
        options: specOptions(
          catalogEntries(model).map((entry) => ({ ...entry, modelSpec: this.judgeAs(entry.modelSpec) })),
          backends,
          host,
          { prefer, memory },
        ),
      };
    }
    const reading = this.judged(await this.read(name, request));
    const [spec] = reading.specs;
    if (spec === undefined) throw new Error('internal: a model reading named no spec');
    return {
      model: {
        modelName: spec.modelName,
        ...(spec.modelFamily === spec.modelName ? {} : { modelFamily: spec.modelFamily }),
        abilities: [...spec.abilities],
      },
      host,
      pick: chooseSpec(reading, backends, host, host, { prefer, memory }),
      options: specOptions(
        reading.specs.map((modelSpec) => ({ modelSpec })),
        backends,
        host,
        { prefer, memory, ...(reading.files ? { files: reading.files } : {}) },
      ),
    };
  }

  /**
   * A spec as the engines judge it: one the fetcher can bring onto this machine is marked
   * `fetchable`, so engines that load only local files may take it; plan and launch then fetch it
   * (see localFiles).
   */
  private judged<Reading extends { readonly specs: readonly ModelSpec[] }>(reading: Reading): Reading {
    return { ...reading, specs: reading.specs.map((spec) => this.judgeAs(spec)) };
  }

  private judgeAs(spec: ModelSpec): ModelSpec {
    return spec.modelPath === undefined && this.fetcher.canFetch(spec) ? { ...spec, fetchable: true } : spec;
  }

  /**
   * The selected spec as the engine will load it: when the engine loads only local files and the
   * spec has none, the fetcher brings them onto this machine (`download`) or says where they are.
   */
  private localFiles(
    backend: Backend,
    selection: Selection,
    options: LaunchOptionsInput,
    request: FetchRequest,
  ): Promise<ModelSpec> {
    const { spec, host } = selection;
    const needed = spec.modelPath === undefined && backend.needsLocalFiles?.(spec, host, options) === true;
    if (!needed || !this.fetcher.canFetch(spec)) return Promise.resolve(spec);
    return this.fetcher.fetch(spec, request);
  }

  private allReaders(): readonly ModelReader[] {
    return [...this.readers, ...this.pluginReaders];
  }

  private chosenBackend(selection: Selection): Backend {
    if (selection.chosen === null) {
      if (selection.fit.fits === false) throw new ModelTooLargeError(selection.reason, selection);
      throw new NoEligibleEngineError(selection.spec.modelName, selection);
    }
    const backend = this.registry.get(selection.chosen);
    if (!backend) throw new UnknownEngineError(selection.chosen, this.registry.names());
    return backend;
  }

  private resolveHost(options: SelectRequest): Promise<HostInfo> {
    if (options.host !== undefined) return Promise.resolve(parseHostInfo(options.host));
    const python = options.detect?.python ?? options.python;
    return this.host(python === undefined ? options.detect : { ...options.detect, python });
  }
}

/** Request keys that say what to select, not how to start the engine. */
const SELECT_KEYS = new Set([
  'host',
  'detect',
  'engine',
  'prefer',
  'supervise',
  'fetch',
  'format',
  'size',
  'quantization',
  'family',
  'cwd',
  'contextFloor',
]);

function launchOptionsOf(request: PlanRequest): LaunchOptionsInput {
  return Object.fromEntries(Object.entries(request).filter(([key]) => !SELECT_KEYS.has(key))) as LaunchOptionsInput;
}

/** The request's pins for the memory fit. */
function fitOptionsOf(request: SelectRequest): MemoryFitOptions {
  const { contextLength, contextFloor, gpus, tensorParallel } = request;
  return {
    ...(contextLength === undefined ? {} : { contextLength }),
    ...(contextFloor === undefined ? {} : { contextFloor }),
    ...(gpus === undefined ? {} : { gpus }),
    ...(tensorParallel === undefined ? {} : { tensorParallel }),
  };
}

/**
 * The launch options as the memory plan sized them, for an engine that states its memory profile:
 * the planned context length unless one was asked for, and the planned GPUs when they are fewer
 * than the host has (tensor parallel follows their count). An engine without a profile, or a host
 * whose memory is unknown, is started as asked.
 */
function sizedLaunchOptions(request: PlanRequest, selection: Selection, backend: Backend): LaunchOptionsInput {
  const options = launchOptionsOf(request);
  const plan = selection.fit.plan;
  if (backend.memory === undefined || plan?.fits !== true) return options;
  const hostGpus = selection.host.gpus.filter((gpu) => gpu.vendor !== 'apple').length;
  const fewerGpus = plan.gpus.length > 0 && plan.gpus.length < hostGpus;
  const fraction = options.gpuMemoryFraction ?? gpuMemoryFraction(plan, selection.host);
  return {
    ...options,
    contextLength: options.contextLength ?? plan.contextLength,
    ...(options.gpus === undefined && fewerGpus ? { gpus: [...plan.gpus] } : {}),
    ...(options.gpuLayers === undefined && plan.gpuLayers ? { gpuLayers: plan.gpuLayers.onGpu } : {}),
    ...(fraction === undefined ? {} : { gpuMemoryFraction: fraction }),
  };
}

/**
 * When a planned GPU is partly in use, the share of its total memory the plan sized for (its usable
 * share of the free memory), rounded down to a hundredth: an engine that sizes itself against total
 * memory (vLLM) would otherwise ask for more than is free and refuse to start. Undefined when every
 * planned GPU is wholly free, so the engine's own default stands.
 */
function gpuMemoryFraction(plan: MemoryPlan, host: HostInfo): number | undefined {
  const shares = plan.devices.flatMap((device) => {
    const totalMiB = host.gpus.find((gpu) => gpu.index === device.gpu)?.memoryMiB;
    const totalBytes = (totalMiB ?? 0) * 2 ** 20;
    if (device.gpu === undefined || totalMiB === undefined || device.freeBytes >= totalBytes) return [];
    return [device.usableBytes / totalBytes];
  });
  return shares.length === 0 ? undefined : Math.floor(Math.min(...shares) * 100) / 100;
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
  const catalog = memoize(options.catalog === undefined ? loadCatalog : async () => options.catalog as Catalog);
  container.registerSingleton(BackendRegistry);
  container.register(HOST_PROVIDER, { useValue: provider });
  container.register(PREFERENCES, { useValue: options.prefer ?? [] });
  container.register(SUPERVISOR, { useValue: options.supervisor ?? defaultSupervisor });
  container.register(MEMORY_POLICY, { useValue: options.memoryPolicy ?? memoryPlanPolicy });
  container.register(CATALOG, { useValue: catalog });
  container.register(MODEL_FETCHER, { useValue: options.fetcher ?? NO_MODEL_FETCHER });
  const defaults = [modelFolderReader, ggufFileReader, catalogReader(catalog)];
  const { readers = defaults } = options;
  container.register(MODEL_READERS, { useValue: typeof readers === 'function' ? readers(defaults) : readers });
  const switchyard = container.resolve(Switchyard);
  for (const plugin of options.plugins ?? []) switchyard.use(plugin);
  return switchyard;
}

function memoize<T>(load: () => Promise<T>): () => Promise<T> {
  let loaded: Promise<T> | undefined;
  return () => {
    loaded ??= load();
    return loaded;
  };
}
