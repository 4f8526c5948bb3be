import type { ArchitectureFacts } from './architecture-facts.js';

/** One named share of the memory a launch takes, e.g. the engine's activation peak. */
export interface MemoryPart {
  readonly name: string;
  readonly bytes: number;
  /** Where the figure comes from: an engine's source file, its log line, or how it was measured. */
  readonly source: string;
}

/**
 * How an engine uses a GPU's memory, for memory plans. Each backend states its own (the engine's
 * defaults and where they come from); an engine without one is planned with
 * {@link GENERIC_MEMORY_PROFILE}.
 */
export interface EngineMemoryProfile {
  /** The share of each GPU's free memory the engine lets itself fill, e.g. vLLM's `--gpu-memory-utilization`. */
  readonly utilization: number;
  /**
   * How a model is spread over several GPUs: `tensor-parallel` splits every layer (the GPU count must
   * divide the attention heads), `layers` gives each GPU whole layers and can leave some in RAM.
   */
  readonly placement: 'tensor-parallel' | 'layers';
  /** Whether layers the GPUs cannot hold may stay in RAM (llama.cpp's partial offload); when not, such a model does not fit. */
  readonly offloadsToRam?: boolean;
  /**
   * Memory each device needs beside its share of the weights and the cache, for a context of
   * `contextLength` tokens; `onGpu` is false when the model runs from RAM or unified memory.
   */
  overhead(facts: ArchitectureFacts, contextLength: number, onGpu: boolean): readonly MemoryPart[];
}

const GIB = 2 ** 30;

/** What a CUDA inference server (vLLM, SGLang) holds on each GPU before its weights load. */
export const CUDA_CONTEXT_OVERHEAD: MemoryPart = {
  name: 'CUDA context and non-torch memory',
  bytes: 0.5 * GIB,
  source: 'CUDA 12 context, cuBLAS and NCCL workspaces as nvidia-smi shows them before weights load',
};

/**
 * Peak activation bytes per token and unit of hidden size in one forward pass: 36 reproduces the
 * "PyTorch activation peak memory takes 1.19GiB" vLLM logs for Llama-3.1-8B (hidden size 4,096) at
 * 8,192 tokens; SGLang runs the same kernels on the same shapes.
 */
const ACTIVATION_BYTES = 36;

/** The activation peak of one forward pass of `tokens` tokens through a model `hiddenSize` wide. */
export function activationPeakBytes(tokens: number, hiddenSize: number): number {
  return tokens * hiddenSize * ACTIVATION_BYTES;
}

/** For engines that state no profile: 90% of free memory, whole layers per GPU, nothing left in RAM, and 1 GiB for the runtime and activations (a guess, said so). */
export const GENERIC_MEMORY_PROFILE: EngineMemoryProfile = {
  utilization: 0.9,
  placement: 'layers',
  overhead: () => [
    { name: 'runtime and activations', bytes: GIB, source: 'a generic allowance: the engine states no profile' },
  ],
};
