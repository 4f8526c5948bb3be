import type { ArchitectureFacts } from './architecture-facts.js';

/**
 * Shapes of common dense decoder models by size (Llama 3 and Qwen2.5 `config.json`s): layers,
 * attention heads, KV heads, head width, hidden size. An unknown model is given the shape of the
 * first rung at least its size, so its cache is sized as for a model as large or larger.
 */
const LADDER: readonly (readonly [
  billions: number,
  layers: number,
  heads: number,
  kvHeads: number,
  headDim: number,
  hidden: number,
])[] = [
  [0.5, 24, 14, 2, 64, 896], // Qwen/Qwen2.5-0.5B
  [1.5, 28, 12, 2, 128, 1536], // Qwen/Qwen2.5-1.5B
  [3, 36, 16, 2, 128, 2048], // Qwen/Qwen2.5-3B
  [8, 32, 32, 8, 128, 4096], // meta-llama/Llama-3.1-8B
  [14, 48, 40, 8, 128, 5120], // Qwen/Qwen2.5-14B
  [32, 64, 40, 8, 128, 5120], // Qwen/Qwen2.5-32B
  [72, 80, 64, 8, 128, 8192], // Qwen/Qwen2.5-72B
  [405, 126, 128, 8, 128, 16384], // meta-llama/Llama-3.1-405B
];

/** The figures an estimate fills in. */
const ESTIMATED = ['layers', 'attentionHeads', 'kvHeads', 'headDim', 'hiddenSize'] as const;

/**
 * Architecture figures for a model known only by its size: the shape of a published model of at
 * least that size, marked as estimated so that plans say so. `maxContext` is kept when known.
 */
export function estimateArchitecture(
  sizeInBillions: number,
  maxContext: number | undefined,
  what: string,
): ArchitectureFacts {
  const rung = LADDER.find(([billions]) => billions >= sizeInBillions) ?? (LADDER.at(-1) as (typeof LADDER)[number]);
  const [, layers, attentionHeads, kvHeads, headDim, hiddenSize] = rung;
  return {
    layers,
    attentionHeads,
    kvHeads,
    headDim,
    hiddenSize,
    ...(maxContext === undefined ? {} : { maxContext }),
    source: `estimated from ${what}'s size (${sizeInBillions}B parameters)`,
    estimated: maxContext === undefined ? [...ESTIMATED, 'maxContext'] : [...ESTIMATED],
  };
}
