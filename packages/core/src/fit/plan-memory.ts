import { InvalidInputError } from '../errors/invalid-input-error.js';
import type { GpuInfo, HostInfo } from '../host/host-info.js';
import type { ArchitectureFacts } from './architecture-facts.js';
import type { EngineMemoryProfile, MemoryPart } from './engine-memory-profile.js';
import { type KvCacheType, kvCacheBytes, kvShareOfOneGpu } from './kv-cache.js';
import type { ContextSource, DeviceShare, MemoryKind, MemoryPlan } from './memory-plan.js';
import { gibibytes as gib, tokens } from './memory-text.js';
import type { ModelWeights } from './model-weights.js';

/** A context shorter than this is too short to serve chat well, so a spec that cannot hold it does not fit. */
export const DEFAULT_CONTEXT_FLOOR = 8192;
/** Context lengths are sized in steps of this many tokens (the engines' KV block sizes all divide it). */
export const CONTEXT_STEP = 256;
/** Macs let the GPU wire about three quarters of unified memory by default (`iogpu.wired_limit_mb`). */
export const APPLE_GPU_SHARE = 0.75;
/** Without a GPU the model shares RAM with the system and everything else running: it may take three quarters. */
export const RAM_SHARE = 0.75;

/** What the caller may pin or change; each field maps to one launch option. */
export interface FitOptions {
  /** Pins the context (`contextLength`, `--context-length`); refused with the numbers when it cannot fit. */
  readonly contextLength?: number;
  /** The least context a plan may size down to; 8,192 by default, or the model's maximum when smaller. */
  readonly contextFloor?: number;
  /** Pins the GPUs (host indices, `--gpus`). */
  readonly gpus?: readonly number[];
  /** Pins tensor parallel (`--tensor-parallel`); it must divide the attention heads. */
  readonly tensorParallel?: number;
  /** The KV cache's element type; f16 unless asked. */
  readonly kvCacheType?: KvCacheType;
  /** Sequences each holding the whole context; 1 by default (engines share one pool between requests). */
  readonly sequences?: number;
}

export interface FitInput {
  readonly facts: ArchitectureFacts;
  readonly weights: ModelWeights;
  readonly profile: EngineMemoryProfile;
  readonly host: HostInfo;
  readonly options?: FitOptions;
}

/** A device the plan may fill. */
interface Device {
  readonly gpu?: GpuInfo;
  readonly freeBytes: number;
  readonly usableBytes: number;
}

/** How a set of devices holds the model at one context length. */
interface Placement {
  readonly devices: readonly Device[];
  readonly tensorParallel: number;
}

interface Sizing {
  readonly facts: ArchitectureFacts;
  readonly weights: ModelWeights;
  readonly profile: EngineMemoryProfile;
  readonly kvCacheType: KvCacheType;
  readonly sequences: number;
  readonly maxContext: number;
  readonly floor: number;
  readonly pinned: number | undefined;
  readonly kind: MemoryKind;
}

const MIB = 2 ** 20;

/**
 * The memory plan of one model on one host for one engine: which GPUs, how much context, what
 * each part takes and whether it fits. Pure and fast (a few binary searches). Throws
 * InvalidInputError for pins that cannot work whatever the memory (a GPU the host lacks, a
 * tensor-parallel size that does not divide the heads, a context beyond the model's maximum);
 * a pin that merely does not fit gives `fits: false` and a `shortfall` naming the numbers.
 */
export function planMemory(input: FitInput): MemoryPlan {
  const { facts, weights, profile, host, options = {} } = input;
  const maxContext = facts.maxContext ?? DEFAULT_CONTEXT_FLOOR;
  checkContextPin(options.contextLength, facts, maxContext);
  const memory = devicesOf(host, profile, options.gpus);
  const sizing: Sizing = {
    facts,
    weights,
    profile,
    kvCacheType: options.kvCacheType ?? 'f16',
    sequences: options.sequences ?? 1,
    maxContext,
    floor: Math.min(options.contextFloor ?? DEFAULT_CONTEXT_FLOOR, maxContext),
    pinned: options.contextLength,
    kind: memory?.kind ?? 'RAM',
  };
  if (!memory) return unknownMemory(sizing);
  if (memory.kind !== 'GPU memory') return sized(sizing, { devices: memory.devices, tensorParallel: 1 });
  const placements =
    profile.placement === 'tensor-parallel'
      ? tensorParallelPlacements(memory.devices, facts, options)
      : layerPlacements(memory.devices, options);
  let last: MemoryPlan | undefined;
  for (const placement of placements) {
    last = sized(sizing, placement);
    if (last.fits) return last;
  }
  if (profile.offloadsToRam) return partialOffload(sizing, placements.at(-1) as Placement, host);
  return last as MemoryPlan;
}

function checkContextPin(pinned: number | undefined, facts: ArchitectureFacts, maxContext: number): void {
  if (pinned === undefined || pinned <= maxContext || facts.estimated?.includes('maxContext')) return;
  throw new InvalidInputError(
    'launch options',
    [
      {
        field: 'contextLength',
        message: `${tokens(pinned)} tokens is more than the model's maximum of ${tokens(maxContext)} (${facts.source}); ask for at most ${maxContext}`,
      },
    ],
    "Lower `contextLength` to the model's maximum, or leave it out for the most that fits.",
  );
}

/** The memory the plan may use: the GPUs (all, or those pinned), Apple unified memory, or RAM; undefined when unknown. */
function devicesOf(
  host: HostInfo,
  profile: EngineMemoryProfile,
  pinned: readonly number[] | undefined,
): { kind: MemoryKind; devices: Device[] } | undefined {
  const discrete = host.gpus.filter((gpu) => gpu.vendor !== 'apple' && gpu.memoryMiB !== undefined);
  if (discrete.length > 0) {
    const chosen = pinned ? pinnedGpus(discrete, pinned) : discrete;
    const devices = chosen.map((gpu) => {
      const freeBytes = (gpu.memoryFreeMiB ?? gpu.memoryMiB ?? 0) * MIB;
      return { gpu, freeBytes, usableBytes: freeBytes * profile.utilization };
    });
    return { kind: 'GPU memory', devices };
  }
  const apple = host.gpus.find((gpu) => gpu.vendor === 'apple');
  if (apple || (host.os === 'darwin' && host.arch === 'arm64')) {
    const share = apple?.memoryMiB !== undefined ? apple.memoryMiB * MIB : (host.memoryBytes ?? 0) * APPLE_GPU_SHARE;
    return share > 0 ? { kind: 'unified memory', devices: [shareOf(share, host.memoryFreeBytes)] } : undefined;
  }
  if (host.gpus.length === 0 && host.memoryBytes !== undefined) {
    return { kind: 'RAM', devices: [shareOf(host.memoryBytes * RAM_SHARE, host.memoryFreeBytes)] };
  }
  return undefined;
}

/** A share of memory, no more than what is free where that is known. */
function shareOf(share: number, free: number | undefined): Device {
  const usableBytes = free === undefined ? share : Math.min(share, free);
  return { freeBytes: free ?? share, usableBytes };
}

function pinnedGpus(discrete: readonly GpuInfo[], pinned: readonly number[]): GpuInfo[] {
  return pinned.map((index, i) => {
    const gpu = discrete.find((candidate) => candidate.index === index);
    if (gpu) return gpu;
    throw new InvalidInputError(
      'launch options',
      [
        {
          field: `gpus.${i}`,
          message: `this host has no GPU ${index}; its GPUs are ${discrete.map((g) => g.index).join(', ')}`,
        },
      ],
      'Name only GPUs this host has in `gpus`, or leave it out.',
    );
  });
}

/** Most free memory first; the host's order breaks ties. */
const byFreeMemory = (devices: readonly Device[]) =>
  [...devices].sort((a, b) => b.freeBytes - a.freeBytes || (a.gpu?.index ?? 0) - (b.gpu?.index ?? 0));

/**
 * The GPU sets to try, smallest first: one GPU (the one with most free memory), then every size
 * that divides the attention heads (and the KV heads, or is a multiple of them: how vLLM and
 * SGLang shard them), each with the GPUs that have most free memory. Pins narrow this to one set.
 */
function tensorParallelPlacements(
  devices: readonly Device[],
  facts: ArchitectureFacts,
  options: FitOptions,
): Placement[] {
  const pinnedSize = options.tensorParallel;
  if (pinnedSize !== undefined || options.gpus) {
    const size = pinnedSize ?? devices.length;
    const field = pinnedSize !== undefined ? 'tensorParallel' : 'gpus';
    if (size > devices.length) {
      throw new InvalidInputError(
        'launch options',
        [
          {
            field: 'tensorParallel',
            message: `${size} needs ${size} GPUs but ${options.gpus ? 'gpus names' : 'this host has'} ${devices.length}; lower tensorParallel or name more GPUs`,
          },
        ],
        'Lower `tensorParallel`, or name more GPUs in `gpus`.',
      );
    }
    const problem = splitProblem(facts, size);
    if (problem) {
      throw new InvalidInputError(
        'launch options',
        [
          {
            field,
            message: `${size} GPUs cannot split this model: ${problem}; use ${validSizes(facts, devices.length)}`,
          },
        ],
        'Use one of the sizes named, or leave `tensorParallel` out for the one the memory plan picks.',
      );
    }
    const ordered = options.gpus ? devices : byFreeMemory(devices);
    return [{ devices: ordered.slice(0, size), tensorParallel: size }];
  }
  const ordered = byFreeMemory(devices);
  const sizes = Array.from({ length: ordered.length }, (_, i) => i + 1).filter((n) => !splitProblem(facts, n));
  return sizes.map((n) => ({ devices: ordered.slice(0, n), tensorParallel: n }));
}

/** Why tensor parallel of `size` cannot shard this model's heads, or undefined when it can. */
function splitProblem(facts: ArchitectureFacts, size: number): string | undefined {
  if (facts.attentionHeads % size !== 0) return `${facts.attentionHeads} attention heads do not divide by ${size}`;
  if (!facts.latentAttention && facts.kvHeads % size !== 0 && size % facts.kvHeads !== 0) {
    return `${facts.kvHeads} KV heads neither divide by ${size} nor divide it`;
  }
  return undefined;
}

function validSizes(facts: ArchitectureFacts, available: number): string {
  const sizes = Array.from({ length: available }, (_, i) => i + 1).filter((n) => !splitProblem(facts, n));
  return `${sizes.length === 1 ? '' : 'one of '}${sizes.join(', ')}`;
}

/** Whole layers per GPU (llama.cpp): one GPU with most free memory, then the n GPUs with most; pins give one set. */
function layerPlacements(devices: readonly Device[], options: FitOptions): Placement[] {
  if (options.gpus) return [{ devices, tensorParallel: 1 }];
  const ordered = byFreeMemory(devices);
  return ordered.map((_, i) => ({ devices: ordered.slice(0, i + 1), tensorParallel: 1 }));
}

/** What each device of a placement needs at `context` tokens. */
function perDevice(sizing: Sizing, placement: Placement, context: number) {
  const { facts, weights, profile } = sizing;
  const overhead = profile.overhead(facts, context, placement.devices[0]?.gpu !== undefined);
  const overheadBytes = sum(overhead);
  const kvTotal = kvCacheBytes(facts, context, sizing.sequences, sizing.kvCacheType);
  const n = placement.devices.length;
  const split = placement.tensorParallel > 1;
  const kvEach = split ? kvTotal * kvShareOfOneGpu(facts, placement.tensorParallel) : kvTotal / n;
  const needed = weights.bytes / n + kvEach + overheadBytes;
  // Layer placement spreads by free memory, so it fits when the sum does; a tensor-parallel split needs room on each.
  const room = split ? Math.min(...placement.devices.map((d) => d.usableBytes)) : usable(placement.devices) / n;
  return { overhead, overheadBytes, kvTotal, kvEach, needed, room, fits: needed <= room };
}

/** A placement sized: its context pinned, or the longest that fits, or refused below the floor. */
function sized(sizing: Sizing, placement: Placement): MemoryPlan {
  const fitsAt = (context: number) => perDevice(sizing, placement, context).fits;
  let context: number;
  let source: ContextSource;
  if (sizing.pinned !== undefined) {
    context = sizing.pinned;
    source = 'asked for';
  } else if (fitsAt(sizing.maxContext)) {
    context = sizing.maxContext;
    source = 'model maximum';
  } else {
    context = largestFitting(sizing.floor, sizing.maxContext, fitsAt);
    source = 'largest that fits';
  }
  return describe(sizing, placement, context, source);
}

/** The largest multiple of CONTEXT_STEP in [floor, max) that fits; the floor itself when nothing does. */
function largestFitting(floor: number, max: number, fitsAt: (context: number) => boolean): number {
  let low = Math.ceil(floor / CONTEXT_STEP);
  let high = Math.floor((max - 1) / CONTEXT_STEP);
  if (low > high || !fitsAt(low * CONTEXT_STEP)) return floor;
  while (low < high) {
    const middle = Math.ceil((low + high) / 2);
    if (fitsAt(middle * CONTEXT_STEP)) low = middle;
    else high = middle - 1;
  }
  return low * CONTEXT_STEP;
}

function describe(sizing: Sizing, placement: Placement, context: number, source: ContextSource): MemoryPlan {
  const each = perDevice(sizing, placement, context);
  const gpus: number[] = [];
  const devices: DeviceShare[] = [];
  for (const device of placement.devices) {
    const { freeBytes, usableBytes } = device;
    if (device.gpu) gpus.push(device.gpu.index);
    devices.push(
      device.gpu
        ? { gpu: device.gpu.index, freeBytes, usableBytes, neededBytes: each.needed }
        : { freeBytes, usableBytes, neededBytes: each.needed },
    );
  }
  const overheadBytes = each.overheadBytes * placement.devices.length;
  const kvTotal = placement.tensorParallel > 1 ? each.kvEach * placement.tensorParallel : each.kvTotal;
  const plan: MemoryPlan = Object.assign(common(sizing, context, source), {
    fits: each.fits,
    kvCacheBytes: kvTotal,
    overheadBytes,
    overhead: each.overhead,
    totalBytes: sizing.weights.bytes + kvTotal + overheadBytes,
    devices,
    gpus,
    tensorParallel: placement.tensorParallel,
  });
  return each.fits ? plan : Object.assign(plan, { shortfall: shortfall(sizing, placement, each, context) });
}

function sourcesOf({ facts, weights }: Sizing): MemoryPlan['sources'] {
  return { weights: weights.source, architecture: facts.source, estimated: [...(facts.estimated ?? [])] };
}

/**
 * The fields every plan has. Plans assign the rest onto it rather than spread it into a new object
 * literal: V8 copies a spread slowly, and a select plans a hundred specs (Object.assign halves its time).
 */
function common(sizing: Sizing, context: number, source: ContextSource) {
  return {
    memory: sizing.kind,
    contextLength: context,
    contextSource: source,
    kvCacheType: sizing.kvCacheType,
    weightsBytes: sizing.weights.bytes,
    sources: sourcesOf(sizing),
  };
}

function shortfall(sizing: Sizing, placement: Placement, each: ReturnType<typeof perDevice>, context: number): string {
  const n = placement.devices.length;
  const where =
    placement.devices[0]?.gpu === undefined
      ? sizing.kind
      : n === 1
        ? `GPU ${placement.devices[0].gpu.index}`
        : `each of GPUs ${placement.devices.map((d) => d.gpu?.index).join(', ')}`;
  const parts = [
    `${gib(sizing.weights.bytes / n)} of weights`,
    `${gib(each.kvEach)} of KV cache for ${tokens(context)} tokens`,
    ...(each.overheadBytes > 0 ? [`${gib(each.overheadBytes)} of engine overhead`] : []),
  ];
  const usable = placement.devices[0]?.gpu
    ? ` (${Math.round(sizing.profile.utilization * 100)}% of ${gib(Math.min(...placement.devices.map((d) => d.freeBytes)))} free)`
    : '';
  return `needs ${gib(each.needed)} on ${where} (${parts.join(' + ')}) but has ${gib(each.room)} usable${usable}`;
}

/**
 * Layer placement when even the floor context does not fit on the GPUs: as many whole layers as
 * fit go to the GPUs, the rest (and their cache) stay in RAM, which must hold them.
 */
function partialOffload(sizing: Sizing, placement: Placement, host: HostInfo): MemoryPlan {
  const { facts, weights, profile } = sizing;
  const context = sizing.pinned ?? sizing.floor;
  const source: ContextSource = sizing.pinned !== undefined ? 'asked for' : 'largest that fits';
  const layers = facts.layers;
  const layerWeights = (weights.layerBytes ?? weights.bytes) / layers;
  const kvTotal = kvCacheBytes(facts, context, sizing.sequences, sizing.kvCacheType);
  const perLayer = layerWeights + kvTotal / layers;
  const overhead = profile.overhead(facts, context, true);
  const overheadBytes = sum(overhead) * placement.devices.length;
  const room = usable(placement.devices);
  const onGpu = Math.max(0, Math.min(layers - 1, Math.floor((room - overheadBytes) / perLayer)));
  const gpuBytes = onGpu * perLayer + (onGpu > 0 ? overheadBytes : 0);
  const ramBytes = weights.bytes + kvTotal - onGpu * perLayer;
  const ram = host.memoryBytes === undefined ? undefined : shareOf(host.memoryBytes * RAM_SHARE, host.memoryFreeBytes);
  const fits = ram === undefined || ramBytes <= ram.usableBytes;
  const gpuShares: DeviceShare[] =
    onGpu === 0
      ? []
      : placement.devices.map((d) => ({
          gpu: d.gpu?.index as number,
          freeBytes: d.freeBytes,
          usableBytes: d.usableBytes,
          neededBytes: (gpuBytes * d.usableBytes) / room,
        }));
  const ramShare: DeviceShare = {
    freeBytes: ram?.freeBytes ?? ramBytes,
    usableBytes: ram?.usableBytes ?? ramBytes,
    neededBytes: ramBytes,
  };
  const plan: MemoryPlan = Object.assign(common(sizing, context, source), {
    fits,
    kvCacheBytes: kvTotal,
    overheadBytes: onGpu > 0 ? overheadBytes : 0,
    overhead: onGpu > 0 ? overhead : [],
    totalBytes: weights.bytes + kvTotal + (onGpu > 0 ? overheadBytes : 0),
    devices: [...gpuShares, ramShare],
    gpus: gpuShares.map((share) => share.gpu as number),
    tensorParallel: 1,
    gpuLayers: { onGpu, total: layers },
  });
  if (fits) return plan;
  return Object.assign(plan, {
    shortfall: `needs ${gib(ramBytes)} of RAM for the ${layers - onGpu} of ${layers} layers the GPUs cannot hold (with their KV cache for ${tokens(context)} tokens) but has ${gib(ram?.usableBytes ?? 0)} to spare`,
  });
}

/** Memory unknown: nothing sized or refused; the context is the one asked for, else the model's maximum. */
function unknownMemory(sizing: Sizing): MemoryPlan {
  const context = sizing.pinned ?? sizing.maxContext;
  const kvTotal = kvCacheBytes(sizing.facts, context, sizing.sequences, sizing.kvCacheType);
  return Object.assign(common(sizing, context, sizing.pinned !== undefined ? 'asked for' : 'model maximum'), {
    memory: 'unknown' as const,
    fits: undefined,
    kvCacheBytes: kvTotal,
    overheadBytes: 0,
    overhead: [],
    totalBytes: sizing.weights.bytes + kvTotal,
    devices: [],
    gpus: [],
    tensorParallel: 1,
  });
}

function sum(parts: readonly MemoryPart[]): number {
  return parts.reduce((total, part) => total + part.bytes, 0);
}

function usable(devices: readonly Device[]): number {
  return devices.reduce((total, device) => total + device.usableBytes, 0);
}
