export { type Backend, displayNameOf, type LaunchContext } from './backend/backend.js';
export { rules } from './backend/common-rules.js';
export { type BackendDefinition, type DefinedBackend, defineBackend } from './backend/define-backend.js';
export type { MatchResult } from './backend/match-result.js';
export type { ModelSupport } from './backend/model-support-rule.js';
export { defineRule, type Rule } from './backend/rule.js';
export type { SupportedArchitectures } from './backend/supported-architectures.js';
export { Catalog, loadCatalog } from './catalog/catalog.js';
export type { CatalogEntry } from './catalog/catalog-entry.js';
export type { CatalogModel, CatalogSpec, CustomModelInput } from './catalog/catalog-schema.js';
export type { EngineOption, OptionMemory } from './catalog/engine-options.js';
export type { CatalogFilters } from './catalog/narrow-entries.js';
export * from './errors/index.js';
export type { FetchProgress, FetchRequest, ModelFetcher } from './fetch/model-fetcher.js';
export type {
  ArchitectureFacts,
  Experts,
  LatentAttention,
  SlidingWindow,
} from './fit/architecture-facts.js';
export { describeMemoryPlan } from './fit/describe-memory-plan.js';
export {
  activationPeakBytes,
  CUDA_CONTEXT_OVERHEAD,
  type EngineMemoryProfile,
  type MemoryPart,
} from './fit/engine-memory-profile.js';
export { fitSpec, type SpecFitInput } from './fit/fit-spec.js';
export { type KvCacheType, kvBytesPerToken, kvCacheBytes } from './fit/kv-cache.js';
export type { ContextSource, DeviceShare, MemoryKind, MemoryPlan } from './fit/memory-plan.js';
export type { ModelWeights } from './fit/model-weights.js';
export type { FitInput, FitOptions } from './fit/plan-memory.js';
// The GGUF reader's entry points and its base error; the many specific errors stay inside.
export { GgufError } from './gguf/gguf-errors.js';
export type { GgufHeader, GgufSkippedValue, GgufTensorInfo, GgufValue } from './gguf/gguf-header.js';
export { GgufValueType } from './gguf/gguf-header.js';
export { type GgufModelInfo, readGgufModel } from './gguf/gguf-model.js';
export { readGgufHeader } from './gguf/read-gguf-header.js';
export { compareVersions } from './host/engine-version.js';
export {
  ARCHITECTURES,
  type EngineInstall,
  type GpuInfo,
  type HostInfo,
  type HostInfoInput,
  KNOWN_RUNTIMES,
  type KnownRuntime,
  nvidiaGpus,
  OPERATING_SYSTEMS,
  parseHostInfo,
} from './host/host-info.js';
export {
  type DetectOptions,
  detectedHost,
  fixedHost,
  type HostDetection,
  type HostProvider,
  lazyHost,
} from './host/host-provider.js';
export type {
  ExecutableRuntimeDetection,
  ModelRegistrySource,
  PythonRuntimeDetection,
  RuntimeDetection,
} from './host/runtime-detection.js';
export { UnsupportedHostError } from './host/unsupported-host-error.js';
export { parseInput } from './input/parse-input.js';
export {
  bindAddressSyntaxProblem,
  isLoopbackAddress,
  localBindProblem,
} from './launch/bind-address.js';
export { defaultSupervisor, lazySupervisor, type SupervisorPackage } from './launch/default-supervisor.js';
export {
  EngineCommandNotFoundError,
  EngineExitedBeforeReadyError,
  EngineReadyTimeoutError,
  EngineStartError,
  PortInUseError,
} from './launch/engine-errors.js';
export type { EngineExit, EngineHandle, EngineLogLine, StopOptions } from './launch/engine-handle.js';
export {
  DEFAULT_BIND_ADDRESS,
  type LaunchOptions,
  type LaunchOptionsInput,
  parseLaunchOptions,
  type ResolvedLaunchOptions,
} from './launch/launch-options.js';
export { engineUrl, type LaunchPlan, maskSecrets, type ReadinessCheck } from './launch/launch-plan.js';
export {
  apiKeyEnv,
  consoleScript,
  cudaDevicesEnv,
  flag,
  healthCheck,
  pythonFor,
  refuseUnsupportedOptions,
  servedModelName,
  tensorParallelSize,
  type UnsupportedOption,
} from './launch/plan-helpers.js';
export { planLaunch } from './launch/plan-launch.js';
export { assertSupervisedPlatform, UnsupportedPlatformError } from './launch/supervised-platforms.js';
export type { SuperviseOptions, Supervisor } from './launch/supervisor.js';
export {
  type MemoryFit,
  type MemoryFitOptions,
  type MemoryPolicy,
  type ModelFiles,
  memoryPlanPolicy,
  weightsMemoryPolicy,
} from './memory/memory-policy.js';
export {
  describeBudget,
  gib,
  type MemoryBudget,
  memoryBudget,
  quantizationQuality,
} from './memory/weight-memory.js';
// The model-folder reader's entry point and its base error; the specific errors stay inside.
export { ModelFolderError } from './model-folder/model-folder-errors.js';
export { type ModelFolderInfo, readModelFolder } from './model-folder/read-model-folder.js';
export { MissingPackageError } from './optional/optional-package.js';
export { loadPlugin } from './plugin/load-plugin.js';
export { definePlugin, PLUGIN_API_VERSION, type SwitchyardPlugin } from './plugin/plugin.js';
export { killProcessGroup } from './process/kill-process-group.js';
export { BackendRegistry } from './registry/backend-registry.js';
export {
  CATALOG,
  HOST_PROVIDER,
  MEMORY_POLICY,
  MODEL_FETCHER,
  MODEL_READERS,
  PREFERENCES,
  SUPERVISOR,
} from './registry/tokens.js';
export type { ModelOptions, ModelReader, ModelReading, ReadContext } from './resolution/model-reader.js';
export type { ModelReference } from './resolution/read-model.js';
export { catalogReader, catalogReading } from './resolution/readers/catalog-reader.js';
export { ggufFileReader } from './resolution/readers/gguf-file-reader.js';
export { modelFolderReader } from './resolution/readers/model-folder-reader.js';
export { engineOrder } from './selection/engine-order.js';
export type { Ranking } from './selection/rank-backends.js';
export type { Candidate, ConsideredSpec, Selection, SelectOptions } from './selection/selection.js';
export { MODEL_FORMATS, type ModelFormat, toModelFormat } from './spec/model-format.js';
export {
  MODEL_ABILITIES,
  type ModelAbility,
  type ModelSpec,
  type ModelSpecInput,
  modelLocation,
  parseModelSpec,
} from './spec/model-spec.js';
export { formatParameterCount } from './spec/parameter-count.js';
export { normalizeQuantization } from './spec/quantization.js';
export {
  createSwitchyard,
  type EngineOptionsResult,
  type LaunchRequest,
  type PlanRequest,
  type PlanResult,
  type SelectRequest,
  Switchyard,
  type SwitchyardOptions,
} from './switchyard.js';
export { groupDigits } from './text/group-digits.js';
