import type { SlidingWindow } from './architecture-facts.js';

/**
 * A window on every layer but each `pattern`-th (Gemma 2: 2, Gemma 3: 6, gpt-oss: 2): llama.cpp's
 * `set_swa_pattern(n)` (src/llama-hparams.cpp) makes layer `il` a window layer when `il % n < n - 1`,
 * as the models' `config.json` `layer_types` have it.
 */
export function interleavedWindow(layers: number, pattern: number, tokens: number): SlidingWindow {
  let windowLayers = 0;
  for (let layer = 0; layer < layers; layer++) if (layer % pattern < pattern - 1) windowLayers++;
  return { tokens, layers: windowLayers };
}
