import { createColors } from 'picocolors';
import type { CliIo } from '../io.js';

export type Palette = ReturnType<typeof createColors>;

/** Colours when `io` says its output is a terminal that wants them; plain text otherwise. */
export function paletteFor(io: Pick<CliIo, 'color'>): Palette {
  return createColors(io.color);
}
