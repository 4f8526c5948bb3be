import type { Selection } from '@switchyard/core';
import { wordAsFlags } from './flag-words.js';
import type { Palette } from './palette.js';
import { textTable } from './text-table.js';

/** Every backend with ✓ or ✗ and, for refused ones, each reason on its own line. */
export function candidatesTable(selection: Selection, columns: number, pc: Palette): string {
  const widths = [1, 12, 8, Math.max(30, columns - 29)];
  const rows = selection.candidates.map((candidate) => {
    const chosen = candidate.backend === selection.chosen;
    return [
      candidate.eligible ? pc.green('✓') : pc.red('✗'),
      chosen ? pc.bold(candidate.backend) : candidate.backend,
      String(candidate.priority),
      candidate.eligible
        ? chosen
          ? 'chosen'
          : 'eligible'
        : candidate.reasons.map((r) => `- ${wordAsFlags(r)}`).join('\n'),
    ];
  });
  return textTable(['', 'engine', 'priority', 'why not'], rows, widths);
}
