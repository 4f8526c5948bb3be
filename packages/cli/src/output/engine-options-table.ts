import type { EngineOption } from '@switchyard/core';
import { describeBudget } from '@switchyard/core';
import { listSizes } from './list-sizes.js';
import type { Palette } from './palette.js';
import { textTable } from './text-table.js';

interface Verdict {
  readonly engine: string;
  readonly format: string;
  readonly canRun: boolean;
  readonly why: readonly string[];
  /** Each size's quantizations that share this verdict. */
  readonly quantizations: Map<number, Set<string>>;
}

interface Row extends Omit<Verdict, 'quantizations'> {
  readonly sizes: readonly number[];
  readonly quantizations: readonly string[];
}

/**
 * The options of `switchyard engines`, folded for reading: one row per engine and format whose
 * sizes and quantizations share a verdict (`--json` has each option's own memory estimate). A row
 * claims every size with every quantization it lists, so only sizes with the same quantizations
 * share one: 32B Int4 fitting where 32B Int8 does not is two rows, not one claiming both.
 */
export function engineOptionsTable(options: readonly EngineOption[], columns: number, pc: Palette): string {
  const verdicts = new Map<string, Verdict>();
  for (const option of options) {
    const { memory } = option;
    const why = [...option.reasons];
    // Size matters only to an engine that accepts the spec; the others' reasons say enough.
    if (option.eligible && memory.fits === false && memory.kind !== null) {
      why.push(`too large for ${describeBudget({ bytes: memory.availableBytes ?? 0, kind: memory.kind })}`);
    }
    const key = JSON.stringify([option.engine, option.format, option.canRun, why]);
    let verdict = verdicts.get(key);
    if (!verdict) {
      verdict = { ...option, why, quantizations: new Map() };
      verdicts.set(key, verdict);
    }
    const quantizations = verdict.quantizations.get(option.sizeInBillions) ?? new Set();
    verdict.quantizations.set(option.sizeInBillions, quantizations.add(option.quantization));
  }
  const rows = [...verdicts.values()].flatMap(({ quantizations, ...verdict }): Row[] => {
    const bySet = new Map<string, { sizes: number[]; quantizations: string[] }>();
    for (const [size, set] of quantizations) {
      const key = JSON.stringify([...set].sort());
      const row = bySet.get(key) ?? { sizes: [], quantizations: [...set] };
      row.sizes.push(size);
      bySet.set(key, row);
    }
    return [...bySet.values()].map((row) => ({ ...verdict, ...row }));
  });
  const engineOrder = [...new Set(options.map((option) => option.engine))];
  rows.sort(
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
      row.quantizations.join(', '),
      row.why.map((reason) => `- ${reason}`).join('\n'),
    ]),
    widths,
  );
}
