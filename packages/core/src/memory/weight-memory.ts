import type { HostInfo } from '../host/host-info.js';
import type { ModelFormat } from '../spec/model-format.js';

/**
 * Bits per weight of GGUF types: block types from ggml's block sizes, k-quant mixes from the sizes
 * `llama-quantize` lists for Llama-3-8B. Approximate, which the headroom absorbs.
 */
const GGUF_BITS: Readonly<Record<string, number>> = {
  F32: 32,
  F16: 16,
  FP16: 16,
  BF16: 16,
  Q8_0: 8.5,
  Q6_K: 6.57,
  Q5_1: 6.04,
  Q5_K_M: 5.7,
  Q5_K_S: 5.57,
  Q5_0: 5.57,
  Q4_1: 5.11,
  Q4_K_M: 4.89,
  Q4_K_S: 4.67,
  Q4_0: 4.64,
  IQ4_NL: 4.5,
  IQ4_XS: 4.25,
  Q3_K_L: 4.31,
  Q3_K_M: 4.0,
  IQ3_M: 3.66,
  Q3_K_S: 3.65,
  IQ3_S: 3.44,
  IQ3_XS: 3.3,
  Q2_K: 3.17,
  IQ3_XXS: 3.06,
  IQ2_M: 2.7,
  IQ2_S: 2.5,
  IQ2_XS: 2.31,
  IQ2_XXS: 2.06,
  TQ2_0: 2.06,
  IQ1_M: 1.75,
  TQ1_0: 1.69,
  IQ1_S: 1.56,
};

/** Scales and zero points stored beside low-bit weights (per group), in bits per weight. */
const GROUP_OVERHEAD: Partial<Record<ModelFormat, number>> = {
  gptq: 0.25,
  awq: 0.25,
  mlx: 0.5,
  bnb: 0.5,
  pytorch: 0.5,
};

/** Weights are given this much room again for the KV cache, activations and the runtime. */
export const MEMORY_HEADROOM = 1.2;

/** Macs let the GPU use about three quarters of unified memory by default. */
const APPLE_GPU_SHARE = 0.75;

/** Without a GPU the weights share RAM with the system and everything else running: a quarter is left to them. */
const RAM_SHARE = 0.75;

/** Bits per weight a quantization stores, for memory estimates. Unquantized weights count 16 bits. */
export function bitsPerWeight(format: ModelFormat, quantization: string): number {
  if (format === 'ggufv2' || format === 'ggmlv3') return ggufBits(quantization.toUpperCase());
  if (format === 'fp8') return 8;
  const widths = quantization.match(/\d+/g)?.map(Number) ?? [];
  const bits = Math.max(0, ...widths);
  if (bits === 0 || bits >= 16) return 16;
  return bits + (GROUP_OVERHEAD[format] ?? 0);
}

/** GGUF's first block types, which k-quants of about the same size beat on quality. */
const LEGACY_GGUF_TYPE = /^(?:UD-)?Q\d_[01]$/i;
const LEGACY_PENALTY_BITS = 0.5;

/**
 * How little a quantization loses, to rank them: bits per weight, except that GGUF's legacy types
 * (Q4_0, Q4_1, Q5_1, …) count half a bit less, so Q4_K_M ranks above the larger Q4_1 as llama.cpp's
 * own perplexity tables have it, while Q8_0 stays above Q6_K.
 */
export function quantizationQuality(format: ModelFormat, quantization: string): number {
  const bits = bitsPerWeight(format, quantization);
  const legacy = (format === 'ggufv2' || format === 'ggmlv3') && LEGACY_GGUF_TYPE.test(quantization);
  return legacy ? bits - LEGACY_PENALTY_BITS : bits;
}

function ggufBits(type: string): number {
  const name = type.replace(/^UD-/, '');
  const exact = GGUF_BITS[name];
  if (exact !== undefined) return exact;
  // Variants such as Q4_K_L keep their base type's bits and sit just above (L, XL) or below (XS) it.
  const variant = /^(.+?)_(XS|S|M|L|XL)$/.exec(name);
  if (variant) {
    const [, type = '', mix = ''] = variant;
    const base = GGUF_BITS[`${type}_M`] ?? GGUF_BITS[type];
    if (base !== undefined) return base + (mix === 'XS' ? -0.1 : mix.endsWith('L') ? 0.1 : 0);
  }
  const digits = /\d+/.exec(name);
  return digits ? Number(digits[0]) + 0.5 : 16;
}

/** Bytes the weights take: billions of parameters × bits per weight. */
export function weightBytes(sizeInBillions: number, bits: number): number {
  return (sizeInBillions * 1e9 * bits) / 8;
}

/** The memory a model's weights must fit in on a host, and what kind it is. */
export interface MemoryBudget {
  readonly bytes: number;
  readonly kind: 'GPU memory' | 'unified memory' | 'RAM';
}

const BUDGET_NAMES: Readonly<Record<MemoryBudget['kind'], string>> = {
  'GPU memory': 'GPU memory',
  'unified memory': 'unified memory for the GPU',
  RAM: 'RAM to spare for a model',
};

/** A budget for messages, e.g. `18 GiB of RAM to spare for a model`. */
export function describeBudget(budget: MemoryBudget): string {
  return `${gib(budget.bytes)} of ${BUDGET_NAMES[budget.kind]}`;
}

/**
 * Where a model's weights would live: the GPUs' memory summed (engines split a model across them),
 * on Apple silicon the GPU's share of unified memory (whether the host names the GPU's memory or
 * only the machine's), on a host without GPUs three quarters of its RAM. Undefined when the host file does not say.
 */
export function memoryBudget(host: HostInfo): MemoryBudget | undefined {
  const discrete = host.gpus.filter((gpu) => gpu.vendor !== 'apple' && gpu.memoryMiB !== undefined);
  if (discrete.length > 0) {
    return { bytes: discrete.reduce((sum, gpu) => sum + (gpu.memoryMiB ?? 0), 0) * 2 ** 20, kind: 'GPU memory' };
  }
  const apple = host.gpus.find((gpu) => gpu.vendor === 'apple');
  if (apple || (host.os === 'darwin' && host.arch === 'arm64')) {
    // Detection reports the Apple GPU's memory as all of unified memory; the GPU gets only its share.
    const unified = apple?.memoryMiB !== undefined ? apple.memoryMiB * 2 ** 20 : host.memoryBytes;
    return unified === undefined ? undefined : { bytes: unified * APPLE_GPU_SHARE, kind: 'unified memory' };
  }
  if (host.gpus.length === 0 && host.memoryBytes !== undefined) {
    return { bytes: host.memoryBytes * RAM_SHARE, kind: 'RAM' };
  }
  return undefined;
}

/** Bytes as GiB with one decimal, for messages. */
export function gib(bytes: number): string {
  const value = bytes / 2 ** 30;
  return `${value >= 10 ? Math.round(value) : Math.round(value * 10) / 10} GiB`;
}
