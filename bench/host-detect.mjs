// Host detection timings: cold (a fresh process: load @switchyard/core, detect) and warm (the
// cached answer, and a forced re-probe, in one process), as medians of several runs. Uses the
// built dist, so run `npx tsc -b` first. It only prints figures; it never fails.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const RUNS = Number(process.env.BENCH_RUNS ?? 7);
const core = fileURLToPath(new URL('../packages/core/dist/index.js', import.meta.url));
const cli = fileURLToPath(new URL('../packages/cli/dist/bundle/switchyard.js', import.meta.url));

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
};
const ms = (value) => `${value.toFixed(value < 10 ? 2 : 0)} ms`;

// One cold detection in a fresh Node: how long loading core takes, then detecting.
const COLD = `
const t0 = performance.now();
const { detectHostReport } = await import(${JSON.stringify(core)});
const t1 = performance.now();
const { probes } = await detectHostReport();
const t2 = performance.now();
console.log(JSON.stringify({ load: t1 - t0, detect: t2 - t1, probes }));
`;

function coldRuns() {
  const runs = [];
  for (let i = 0; i < RUNS; i++) {
    const out = execFileSync(process.execPath, ['--input-type=module', '-e', COLD], { encoding: 'utf8' });
    runs.push(JSON.parse(out));
  }
  return runs;
}

function cliRuns() {
  const times = [];
  for (let i = 0; i < RUNS; i++) {
    const started = performance.now();
    const result = spawnSync(process.execPath, [cli, 'host', '--json'], { encoding: 'utf8' });
    if (result.status !== 0) throw new Error(`switchyard host exited ${result.status}: ${result.stderr}`);
    times.push(performance.now() - started);
  }
  return times;
}

async function warmRuns() {
  const { detectHostReport } = await import(core);
  await detectHostReport();
  const cached = [];
  const refreshed = [];
  for (let i = 0; i < RUNS; i++) {
    let started = performance.now();
    await detectHostReport();
    cached.push(performance.now() - started);
    started = performance.now();
    await detectHostReport({ refresh: true });
    refreshed.push(performance.now() - started);
  }
  return { cached, refreshed };
}

async function main() {
  if (!existsSync(core) || !existsSync(cli)) {
    console.log('host-detect: no build found; run `npx tsc -b` first.');
    return;
  }
  console.log(`host detection, median of ${RUNS} runs (node ${process.version}, ${process.platform}/${process.arch})`);
  const cold = coldRuns();
  console.log(
    `  cold, fresh process: load core ${ms(median(cold.map((r) => r.load)))}, detect ${ms(median(cold.map((r) => r.detect)))}`,
  );
  for (const name of [...new Set(cold.flatMap((r) => r.probes.map((p) => p.name)))]) {
    const durations = cold.flatMap((r) => r.probes.filter((p) => p.name === name).map((p) => p.durationMs));
    console.log(`    probe ${name.padEnd(15)} ${ms(median(durations))}`);
  }
  console.log(`  cold, \`switchyard host --json\` wall time: ${ms(median(cliRuns()))}`);
  const warm = await warmRuns();
  console.log(`  warm, cached answer: ${ms(median(warm.cached))}`);
  console.log(`  warm, refresh (modules loaded, probes run again): ${ms(median(warm.refreshed))}`);
}

main().catch((error) => console.log(`host-detect: could not measure: ${error.message}`));
