import { activationPeakBytes, CUDA_CONTEXT_OVERHEAD, type EngineMemoryProfile } from '@switchyard/core';

/** Tokens in vLLM's profiling forward pass: `max_num_batched_tokens`, 8,192 for `vllm serve` on data-centre and consumer GPUs alike. */
const PROFILE_TOKENS = 8192;
/** Sequences whose logits the sampler holds at once: `max_num_seqs`' fallback (config/scheduler.py) is 128; 256 covers older defaults. */
const SAMPLED_SEQUENCES = 256;

/**
 * How vLLM fills a GPU (vllm/v1/worker/gpu_worker.py `determine_available_memory`): it takes
 * `--gpu-memory-utilization` of the total memory (0.9 up to v0.16, 0.92 since), loads
 * the weights, profiles one forward pass of `max_num_batched_tokens` and gives the rest to the KV
 * cache, which must hold `--max-model-len` tokens. CUDA graphs are captured afterwards, in the
 * memory the utilization target leaves. Plans size to 0.9 of the free memory; when a GPU is partly
 * in use they pass that share of its total as `--gpu-memory-utilization`, as vLLM refuses to start
 * when the share it asks for is more than is free.
 */
export const VLLM_MEMORY_PROFILE: EngineMemoryProfile = {
  utilization: 0.9,
  placement: 'tensor-parallel',
  overhead: (facts) => [
    CUDA_CONTEXT_OVERHEAD,
    {
      name: 'activation peak',
      bytes: activationPeakBytes(PROFILE_TOKENS, facts.hiddenSize),
      source: `vLLM's profiling pass of ${PROFILE_TOKENS} tokens, scaled by hidden size from its log for Llama-3.1-8B`,
    },
    {
      name: 'sampler logits',
      bytes: SAMPLED_SEQUENCES * (facts.vocabSize ?? 152064) * 4,
      source: `float32 logits of ${SAMPLED_SEQUENCES} sequences over the vocabulary`,
    },
  ],
};
