#!/usr/bin/env node
/**
 * Switchyard's speed figures, each beside its reference measured in the same run (this machine is
 * shared and noisy: ratios and medians). It prints; it never fails. Build first: `npm run bench`.
 *
 *   node bench/run.mjs [select|host|matches|readiness|llamacpp|transformers|serve|fit|pull …]    (default: all)
 */
import { existsSync } from 'node:fs';
import { measureFit } from './figures/fit.mjs';
import { measureHostDetection } from './figures/host-detect.mjs';
import { measureHubPull } from './figures/hub-pull.mjs';
import { measureLlamaCppTtft } from './figures/llamacpp-ttft.mjs';
import { measureMatches } from './figures/matches.mjs';
import { measureReadinessLag } from './figures/readiness-lag.mjs';
import { measureSelect } from './figures/select.mjs';
import { measureServeOverhead } from './figures/serve-overhead.mjs';
import { measureTransformersReady } from './figures/transformers-ready.mjs';
import { CLI, RUNS } from './lib/stats.mjs';

const FIGURES = {
  select: measureSelect,
  host: measureHostDetection,
  matches: measureMatches,
  readiness: measureReadinessLag,
  llamacpp: measureLlamaCppTtft,
  transformers: measureTransformersReady,
  serve: measureServeOverhead,
  fit: measureFit,
  pull: measureHubPull,
};

const format = (value, unit) => {
  if (!Number.isFinite(value)) return 'n/a';
  if (unit === '/s') return `${(value / 1e6).toFixed(2)} M/s`;
  return `${value.toFixed(value < 10 ? 2 : value < 100 ? 1 : 0)} ${unit}`;
};

function verdict(row) {
  const { target, value, reference } = row;
  if (!target) return { ratio: reference ? value / reference.value : undefined, goal: '—', met: undefined };
  if (target.ratioAtMost !== undefined) {
    const ratio = value / reference.value;
    return { ratio, goal: `≤ ${target.ratioAtMost}×`, met: ratio <= target.ratioAtMost };
  }
  if (target.ratioAtLeast !== undefined) {
    const ratio = value / reference.value;
    return { ratio, goal: `≥ ${target.ratioAtLeast}×`, met: ratio >= target.ratioAtLeast };
  }
  if (target.atMost !== undefined) {
    return { goal: `≤ ${format(target.atMost, row.unit)}`, met: value <= target.atMost };
  }
  return { goal: `≥ ${format(target.atLeast, row.unit)}`, met: value >= target.atLeast };
}

function printTable(rows) {
  const lines = rows.map((row) => {
    const { ratio, goal, met } = verdict(row);
    return [
      row.figure,
      format(row.value, row.unit),
      row.reference ? `${format(row.reference.value, row.unit)} (${row.reference.label})` : '—',
      ratio === undefined ? '—' : `${ratio.toFixed(2)}×`,
      goal,
      met === undefined ? '' : met ? 'met' : 'MISSED',
    ];
  });
  const head = ['figure', 'value', 'reference (same run)', 'ratio', 'target', ''];
  const widths = head.map((h, i) => Math.max(h.length, ...lines.map((line) => line[i].length)));
  const render = (cells) =>
    cells
      .map((cell, i) => cell.padEnd(widths[i]))
      .join('  ')
      .trimEnd();
  console.log(render(head));
  console.log(render(widths.map((w) => '-'.repeat(w))));
  for (const line of lines) console.log(render(line));
  const notes = rows.filter((row) => row.note).map((row) => `  ${row.figure}: ${row.note}`);
  if (notes.length) console.log(`\nnotes:\n${notes.join('\n')}`);
}

const wanted = process.argv.slice(2);
const unknown = wanted.filter((name) => !(name in FIGURES));
if (unknown.length) {
  console.error(`unknown figure ${unknown.join(', ')}; choose from ${Object.keys(FIGURES).join(', ')}`);
  process.exit(2);
}
if (!existsSync(CLI)) {
  console.error('No build found: run `npm run bench` (it builds first), or `npm run build`.');
  process.exit(2);
}
console.log(
  `Switchyard benchmarks: node ${process.version}, ${process.platform}/${process.arch}, medians of ${RUNS} runs\n`,
);
const rows = [];
for (const [name, measure] of Object.entries(FIGURES)) {
  if (wanted.length && !wanted.includes(name)) continue;
  try {
    rows.push(...(await measure()));
  } catch (error) {
    rows.push({
      figure: `${name}: could not measure (${error instanceof Error ? error.message : error})`,
      value: Number.NaN,
      unit: '',
    });
  }
}
printTable(rows);
