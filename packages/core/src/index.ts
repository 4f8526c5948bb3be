export { type Backend, displayNameOf, type LaunchContext } from './backend/backend.js';
export { rules } from './backend/common-rules.js';
export { type BackendDefinition, type DefinedBackend, defineBackend } from './backend/define-backend.js';
export type { MatchResult } from './backend/match-result.js';
export type { ModelSupport } from './backend/model-support-rule.js';
export { defineRule, matchRules, type Rule } from './backend/rule.js';
export type { SupportedArchitectures } from './backend/supported-architectures.js';
export { Catalog, loadCatalog } from './catalog/catalog.js';
export type { CatalogEntry } from './catalog/catalog-entry.js';
export {
  type CatalogModel,
  CatalogModelSchema,
  type CatalogSpec,
  CatalogSpecSchema,
  type CustomModelInput,
  CustomModelSchema,
} from './catalog/catalog-schema.js';
export { type EngineOption, engineOptions, type OptionMemory, specOptions } from './catalog/engine-options.js';
export type { CatalogFilters } from './catalog/narrow-entries.js';
export * from './errors/index.js';
export type { FetchProgress, FetchRequest, ModelFetcher } from './fetch/model-fetcher.js';
export type {
  ArchitectureFacts,
  Experts,
  LatentAttention,
  SlidingWindow,
} from './fit/architecture-facts.js';
export { catalogArchitecture } from './fit/catalog-architectures.js';
export { describeMemoryPlan } from './fit/describe-memory-plan.js';
export {
  activationPeakBytes,
  CUDA_CONTEXT_OVERHEAD,
  type EngineMemoryProfile,
  GENERIC_MEMORY_PROFILE,
  type MemoryPart,
} from './fit/engine-memory-profile.js';
export { estimateArchitecture } from './fit/estimate-architecture.js';
export { estimateWeights } from './fit/estimate-weights.js';
export { fitSpec, type SpecFitInput, specArchitecture } from './fit/fit-spec.js';
export { interleavedWindow } from './fit/interleaved-window.js';
export { KV_CACHE_TYPES, type KvCacheType, kvBytesPerToken, kvCacheBytes } from './fit/kv-cache.js';
export type { ContextSource, DeviceShare, MemoryKind, MemoryPlan } from './fit/memory-plan.js';
export type { ModelWeights } from './fit/model-weights.js';
export {
  CONTEXT_STEP,
  DEFAULT_CONTEXT_FLOOR,
  type FitInput,
  type FitOptions,
  planMemory,
} from './fit/plan-memory.js';
export * from './gguf/index.js';
export { compareVersions } from './host/engine-version.js';
export * from './host/host-info.js';
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
  isWildcardAddress,
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
export * from './launch/launch-options.js';
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
export { FALLBACK_PLAN_PORT, planLaunch } from './launch/plan-launch.js';
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
  bitsPerWeight,
  describeBudget,
  gib,
  type MemoryBudget,
  memoryBudget,
  quantizationQuality,
} from './memory/weight-memory.js';
export * from './model-folder/index.js';
export { MissingPackageError } from './optional/optional-package.js';
export { loadPlugin } from './plugin/load-plugin.js';
export { assertPlugin, definePlugin, PLUGIN_API_VERSION, type SwitchyardPlugin } from './plugin/plugin.js';
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
export { hostWithGpus } from './resolution/gpu-selection.js';
export type { ModelOptions, ModelReader, ModelReading, ReadContext } from './resolution/model-reader.js';
export type { ModelReference } from './resolution/read-model.js';
export { catalogReader, catalogReading } from './resolution/readers/catalog-reader.js';
export { ggufFileReader } from './resolution/readers/gguf-file-reader.js';
export { modelFolderReader } from './resolution/readers/model-folder-reader.js';
export { type ChooseOptions, chooseSpec } from './selection/choose-spec.js';
export { engineOrder } from './selection/engine-order.js';
export { type Ranking, rankBackends } from './selection/rank-backends.js';
export type { Candidate, ConsideredSpec, Selection, SelectOptions } from './selection/selection.js';
export { isModelFormat, MODEL_FORMATS, type ModelFormat, toModelFormat } from './spec/model-format.js';
export { parseSizeInBillions } from './spec/model-size.js';
export * from './spec/model-spec.js';
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
