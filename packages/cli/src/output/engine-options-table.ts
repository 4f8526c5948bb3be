import type { EngineOption } from '@switchyard/core';
import { describeBudget } from '@switchyard/core';
import { listSizes } from './list-sizes.js';
import type { Palette } from './palette.js';
import { textTable } from './text-table.js';

interface Group {
  readonly engine: string;
  readonly format: string;
  readonly canRun: boolean;
  readonly why: readonly string[];
  readonly sizes: Set<number>;
  readonly quantizations: Set<string>;
}

/**
 * The options of `switchyard engines`, folded for reading: one row per engine and format whose
 * sizes and quantizations share a verdict (`--json` has each option's own memory estimate).
 */
export function engineOptionsTable(options: readonly EngineOption[], columns: number, pc: Palette): string {
  const groups = new Map<string, Group>();
  for (const option of options) {
    const { memory } = option;
    const why = [...option.reasons];
    // Size matters only to an engine that accepts the spec; the others' reasons say enough.
    if (option.eligible && memory.fits === false && memory.kind !== null) {
      why.push(`too large for ${describeBudget({ bytes: memory.availableBytes ?? 0, kind: memory.kind })}`);
    }
    const key = JSON.stringify([option.engine, option.format, option.canRun, why]);
    let group = groups.get(key);
    if (!group) {
      group = { ...option, why, sizes: new Set(), quantizations: new Set() };
      groups.set(key, group);
    }
    group.sizes.add(option.sizeInBillions);
    group.quantizations.add(option.quantization);
  }
  const engineOrder = [...new Set(options.map((option) => option.engine))];
  const rows = [...groups.values()].sort(
    (a, b) => engineOrder.indexOf(a.engine) - engineOrder.indexOf(b.engine) || Number(b.canRun) - Number(a.canRun),
  );
  const widths = [1, 12, 7, 16, 24, Math.max(30, columns - 72)];
  return textTable(
    ['', 'engine', 'format', 'sizes', 'quantizations', 'why not'],
    rows.map((row) => [
      row.canRun ? pc.green('✓') : pc.red('✗'),
      row.engine,
      row.format,
      listSizes(row.sizes),
      [...row.quantizations].join(', '),
      row.why.map((reason) => `- ${reason}`).join('\n'),
    ]),
    widths,
  );
}
