import type { ArchitectureFacts } from '../fit/architecture-facts.js';
import type { ModelWeights } from '../fit/model-weights.js';
import type { ModelFiles } from '../memory/memory-policy.js';

/**
 * A reading's `files` from what a reader found in a model's files: none when they hold no tensor
 * data (a file listing no tensors), where the size the model states is all there is to go by.
 */
export function modelFiles(info: {
  readonly weights: ModelWeights;
  readonly architectureFacts?: ArchitectureFacts | undefined;
}): { readonly files?: ModelFiles } {
  if (info.weights.bytes <= 0) return {};
  return {
    files: { weights: info.weights, ...(info.architectureFacts ? { architecture: info.architectureFacts } : {}) },
  };
}
