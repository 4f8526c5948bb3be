import type { EngineMemoryProfile } from '@switchyard/core';

const GIB = 2 ** 30;
/** SGLang's `--chunked-prefill-size` on GPUs with 24 GiB or more: the longest forward pass it runs. */
const CHUNKED_PREFILL_TOKENS = 8192;
/** Peak activation bytes per token and unit of hidden size, as for vLLM's profiling pass (same kernels, same shapes). */
const ACTIVATION_BYTES = 36;

/**
 * How SGLang fills a GPU (python/sglang/srt/server_args.py): `--mem-fraction-static` of the memory
 * holds the weights and the KV pool; what it leaves must hold activations and CUDA graphs, which
 * is what its automatic fraction reserves. Planned as 90% of free memory for all of it.
 */
export const SGLANG_MEMORY_PROFILE: EngineMemoryProfile = {
  utilization: 0.9,
  placement: 'tensor-parallel',
  overhead: (facts) => [
    {
      name: 'CUDA context and non-torch memory',
      bytes: 0.5 * GIB,
      source: 'CUDA 12 context, cuBLAS and NCCL workspaces as nvidia-smi shows them before weights load',
    },
    {
      name: 'activation peak',
      bytes: CHUNKED_PREFILL_TOKENS * facts.hiddenSize * ACTIVATION_BYTES,
      source: `one chunked prefill of ${CHUNKED_PREFILL_TOKENS} tokens, scaled by hidden size`,
    },
    {
      name: 'CUDA graphs',
      bytes: 0.5 * GIB,
      source: 'SGLang captures graphs for batch sizes up to 160 by default; they take about half a GiB',
    },
  ],
};
