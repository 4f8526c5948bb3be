import type { ArchitectureFacts, EngineMemoryProfile, MemoryPart } from '@switchyard/core';

const GIB = 2 ** 30;
/** llama.cpp's `n_ubatch` default (common/common.h): the compute graph is reserved for this many tokens. */
const UBATCH = 512;
const F32 = 4;

/**
 * How llama.cpp fills a device (src/llama-context.cpp): the weights of the layers it offloads, a
 * KV cache of `--ctx-size` tokens (sliding-window layers only their window), and a compute buffer
 * reserved for the worst graph of `n_ubatch` tokens: the logits of every token of the batch, or,
 * without flash attention, the attention scores of the batch against the whole context, whichever
 * is larger. llama-server turns flash attention on where the backend supports it (`-fa auto`);
 * node-llama-cpp leaves it off unless asked.
 */
export function llamaCppMemoryProfile(flashAttention: boolean): EngineMemoryProfile {
  return {
    // llama.cpp allocates what it needs and no more; 5% stays free for the driver and fragmentation.
    utilization: 0.95,
    placement: 'layers',
    offloadsToRam: true,
    overhead: (facts, contextLength, onGpu) => [
      ...(onGpu
        ? [
            {
              name: 'CUDA context',
              bytes: 0.3 * GIB,
              source: 'ggml-cuda initialisation and cuBLAS workspace as nvidia-smi shows them for llama-server',
            },
          ]
        : []),
      computeBuffer(facts, contextLength, flashAttention),
    ],
  };
}

function computeBuffer(facts: ArchitectureFacts, contextLength: number, flashAttention: boolean): MemoryPart {
  const logits = UBATCH * (facts.vocabSize ?? 152064) * F32;
  const scores = flashAttention ? 0 : UBATCH * contextLength * facts.attentionHeads * F32;
  const hidden = UBATCH * facts.hiddenSize * F32 * 4;
  return {
    name: 'compute buffer',
    bytes: Math.max(logits, scores) + hidden,
    source: flashAttention
      ? `logits of a ${UBATCH}-token batch (llama.cpp's "compute buffer size" log line)`
      : `attention scores of a ${UBATCH}-token batch against the context, without flash attention`,
  };
}
