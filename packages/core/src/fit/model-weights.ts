/** What a model's weights take in memory, and how that figure was found. */
export interface ModelWeights {
  readonly bytes: number;
  /**
   * Bytes of the repeating transformer blocks alone (all of them), when known: what partial offload
   * moves layer by layer. The rest (embeddings, output head) stays with the first or last layer.
   */
  readonly layerBytes?: number;
  /** E.g. `tensor data of ./llama.gguf` or `8B parameters × 4.89 bits (Q4_K_M)`. */
  readonly source: string;
}
