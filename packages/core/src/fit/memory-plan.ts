import type { MemoryPart } from './engine-memory-profile.js';
import type { KvCacheType } from './kv-cache.js';

/** What the memory a plan counts on is. */
export type MemoryKind = 'GPU memory' | 'unified memory' | 'RAM';

/** Where the context length came from. */
export type ContextSource =
  /** The model's own maximum fits. */
  | 'model maximum'
  /** The largest multiple of 256 that fits, below the model's maximum. */
  | 'largest that fits'
  /** `contextLength` (`--context-length`) was given. */
  | 'asked for';

/** One GPU (or the host's RAM or unified memory) in a plan: what it holds and what it has. */
export interface DeviceShare {
  /** The GPU's index as the host lists it; absent for RAM and unified memory. */
  readonly gpu?: number;
  /** Free memory (total where the free figure is unknown). */
  readonly freeBytes: number;
  /** `freeBytes` × the engine's utilization target: what the plan may fill. */
  readonly usableBytes: number;
  /** What this device holds in the plan: its share of weights and cache, and the overhead. */
  readonly neededBytes: number;
}

/**
 * How a model fits on a host for one engine: weights + KV cache + engine overhead, on which GPUs,
 * against how much free memory, and the context and parallelism that follow. Byte figures are
 * totals over every device; `devices` has each one's share.
 */
export interface MemoryPlan {
  /** Undefined when the host does not state its memory: then nothing is sized and nothing refused. */
  readonly fits: boolean | undefined;
  readonly memory: MemoryKind | 'unknown';
  readonly contextLength: number;
  readonly contextSource: ContextSource;
  /** The tokens the cache holds: contextLength × sequences. */
  readonly kvCacheType: KvCacheType;
  readonly weightsBytes: number;
  readonly kvCacheBytes: number;
  /** The engine's overhead on every device together; `overhead` names its parts for one device. */
  readonly overheadBytes: number;
  readonly overhead: readonly MemoryPart[];
  readonly totalBytes: number;
  /** Each device the plan uses, in CUDA_VISIBLE_DEVICES order; empty when memory is unknown. */
  readonly devices: readonly DeviceShare[];
  /** The GPUs to make visible (host indices); empty for RAM or unified memory. */
  readonly gpus: readonly number[];
  /** 1 unless the engine splits layers over several GPUs (tensor-parallel placement). */
  readonly tensorParallel: number;
  /** Set when only some layers fit on the GPUs (layer placement): how many go there; the rest stay in RAM. */
  readonly gpuLayers?: { readonly onGpu: number; readonly total: number };
  readonly sources: {
    readonly weights: string;
    readonly architecture: string;
    /** Architecture figures estimated from the parameter count rather than read. */
    readonly estimated: readonly string[];
  };
  /** Why it does not fit, naming the numbers that did not; set exactly when `fits` is false. */
  readonly shortfall?: string;
}
