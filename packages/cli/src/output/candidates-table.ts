import type { Selection } from '@switchyard/core';
import Table from 'cli-table3';
import pc from 'picocolors';

/** Every backend with ✓ or ✗ and, for refused ones, each reason on its own line. */
export function candidatesTable(selection: Selection, columns: number): string {
  const reasonWidth = Math.max(30, columns - 28);
  const table = new Table({
    head: ['', 'engine', 'priority', 'why not'],
    style: { head: [], border: [], compact: true },
    colWidths: [3, 14, 10, reasonWidth],
    wordWrap: true,
    chars: { mid: '', 'left-mid': '', 'mid-mid': '', 'right-mid': '' },
  });
  for (const candidate of selection.candidates) {
    const chosen = candidate.backend === selection.chosen;
    table.push([
      candidate.eligible ? pc.green('✓') : pc.red('✗'),
      chosen ? pc.bold(candidate.backend) : candidate.backend,
      String(candidate.priority),
      candidate.eligible ? (chosen ? 'chosen' : 'eligible') : candidate.reasons.map((r) => `- ${r}`).join('\n'),
    ]);
  }
  return table.toString();
}
