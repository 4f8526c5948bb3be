import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('../..', import.meta.url));
export const CLI = fileURLToPath(new URL('../../packages/cli/bin/switchyard.cjs', import.meta.url));
export const CORE = fileURLToPath(new URL('../../packages/core/dist/index.js', import.meta.url));
export const HOST_DETECTION = fileURLToPath(new URL('../../packages/host-detection/dist/index.js', import.meta.url));
export const SUPERVISOR = fileURLToPath(new URL('../../packages/supervisor/dist/index.js', import.meta.url));
export const RUNS = Number(process.env.BENCH_RUNS ?? 11);

export function median(values) {
  const sorted = values.filter((v) => Number.isFinite(v)).sort((a, b) => a - b);
  if (sorted.length === 0) return Number.NaN;
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

/** Wall time of one run of `node ...args`, in ms; throws with its stderr when it fails. */
export function timeNode(args, { allowExit = [0] } = {}) {
  const started = performance.now();
  const result = spawnSync(process.execPath, args, { cwd: ROOT, encoding: 'utf8' });
  const elapsed = performance.now() - started;
  if (!allowExit.includes(result.status)) {
    throw new Error(`node ${args.join(' ')} exited ${result.status}: ${result.stderr.trim().split('\n').at(-1)}`);
  }
  return { elapsed, stdout: result.stdout, stderr: result.stderr };
}

/**
 * Runs each command `runs` times, interleaved so that load on this shared machine hits both sides
 * alike, and returns the median wall time of each.
 */
export function interleavedMedians(commands, runs = RUNS) {
  const samples = commands.map(() => []);
  for (let i = 0; i < runs; i++) {
    for (const [index, args] of commands.entries()) samples[index].push(timeNode(args).elapsed);
  }
  return samples.map(median);
}
