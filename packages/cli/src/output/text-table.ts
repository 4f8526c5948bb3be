import { stripVTControlCharacters } from 'node:util';
import { wrapText } from './wrap-text.js';

/**
 * A borderless table: columns padded to fixed widths, cells wrapped at spaces, the last column left
 * unpadded. For long listings, where cli-table3's per-line measuring grows with the square of a
 * cell's length.
 */
export function textTable(
  head: readonly string[],
  rows: readonly (readonly string[])[],
  widths: readonly number[],
): string {
  const lines: string[] = [];
  const last = head.length - 1;
  for (const cells of [head, ...rows]) {
    const wrapped = cells.map((cell, column) => wrapText(cell, widths[column] ?? cell.length).split('\n'));
    const height = Math.max(...wrapped.map((cellLines) => cellLines.length));
    for (let line = 0; line < height; line++) {
      const parts = wrapped.map((cellLines, column) => {
        const text = cellLines[line] ?? '';
        return column === last
          ? text
          : text + ' '.repeat(Math.max(0, (widths[column] ?? 0) - stripVTControlCharacters(text).length));
      });
      lines.push(parts.join('  ').trimEnd());
    }
  }
  return lines.join('\n');
}
