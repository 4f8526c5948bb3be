import { activationPeakBytes, CUDA_CONTEXT_OVERHEAD, type EngineMemoryProfile } from '@switchyard/core';

const GIB = 2 ** 30;
/** SGLang's `--chunked-prefill-size` on GPUs with 24 GiB or more: the longest forward pass it runs. */
const CHUNKED_PREFILL_TOKENS = 8192;

/**
 * How SGLang fills a GPU (python/sglang/srt/server_args.py): `--mem-fraction-static` of the memory
 * holds the weights and the KV pool; what it leaves must hold activations and CUDA graphs, which
 * is what its automatic fraction reserves. Planned as 90% of free memory for all of it.
 */
export const SGLANG_MEMORY_PROFILE: EngineMemoryProfile = {
  utilization: 0.9,
  placement: 'tensor-parallel',
  overhead: (facts) => [
    CUDA_CONTEXT_OVERHEAD,
    {
      name: 'activation peak',
      bytes: activationPeakBytes(CHUNKED_PREFILL_TOKENS, facts.hiddenSize),
      source: `one chunked prefill of ${CHUNKED_PREFILL_TOKENS} tokens, scaled by hidden size`,
    },
    {
      name: 'CUDA graphs',
      bytes: 0.5 * GIB,
      source: 'SGLang captures graphs for batch sizes up to 160 by default; they take about half a GiB',
    },
  ],
};
