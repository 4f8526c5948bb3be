import { bitsPerWeight } from '../memory/weight-memory.js';
import type { ModelSpec } from '../spec/model-spec.js';
import type { ArchitectureFacts } from './architecture-facts.js';
import type { ModelWeights } from './model-weights.js';

/** Formats whose quantizers leave the embeddings and the output head in 16 bits (GPTQ, AWQ, bitsandbytes, FP8 checkpoints). */
const EMBEDDINGS_UNQUANTIZED = new Set<ModelSpec['format']>(['gptq', 'awq', 'bnb', 'fp8', 'pytorch']);
/** Without an architecture, the share of parameters taken as embeddings and output head. */
const EMBEDDING_SHARE = 0.05;

/**
 * The weights of a spec whose files are not at hand: parameters × bits per weight, with the
 * embeddings and output head (vocabulary × hidden size each) at 16 bits where the quantization
 * leaves them so, which the architecture tells. Undefined without a size.
 */
export function estimateWeights(spec: ModelSpec, facts?: ArchitectureFacts): ModelWeights | undefined {
  const size = spec.sizeInBillions;
  if (size === undefined) return undefined;
  const bits = bitsPerWeight(spec.format, spec.quantization);
  const parameters = size * 1e9;
  const embeddings =
    facts?.vocabSize === undefined
      ? parameters * EMBEDDING_SHARE
      : Math.min(parameters, 2 * facts.vocabSize * facts.hiddenSize);
  const keep16 = bits < 16 && facts?.vocabSize !== undefined && EMBEDDINGS_UNQUANTIZED.has(spec.format);
  const embeddingBytes = (embeddings * (keep16 ? 16 : bits)) / 8;
  const bytes = ((parameters - embeddings) * bits) / 8 + embeddingBytes;
  const quantization = spec.quantization === 'none' ? 'unquantized' : spec.quantization;
  return {
    bytes,
    layerBytes: bytes - embeddingBytes,
    source: `${size}B parameters × ${Math.round(bits * 100) / 100} bits (${spec.format} ${quantization}${keep16 ? ', embeddings and output head at 16 bits' : ''})`,
  };
}
