import { join } from 'node:path';
import type { DetectOptions, HostInfo } from '@switchyard/core';
import type { HostReport } from './probes/host-report.js';
import type { ProbeContext } from './probes/probe-context.js';

export type { HostReport, ProbeReport } from './probes/host-report.js';

const DEFAULT_TIMEOUT_MS = 5000;

/** One detection per set of inputs that change its answer, for the life of the process. */
const cache = new Map<string, Promise<HostReport>>();

/**
 * Describes the machine this process runs on — OS, CPU, memory, GPUs, installed engines — and
 * how each probe went. Probes run at once, each with a timeout; one that fails only leaves its
 * part out. Cached for the life of the process; `refresh: true` probes again.
 */
export function detectHostReport(options: DetectOptions = {}): Promise<HostReport> {
  const env = options.env ?? process.env;
  const cwd = options.cwd ?? process.cwd();
  const runtimes = options.runtimes ?? [];
  const key = JSON.stringify([options.python, env.SWITCHYARD_PYTHON, env.PATH, cwd, runtimes]);
  const cached = cache.get(key);
  if (cached && !options.refresh) return cached;
  const context: ProbeContext = {
    env,
    cwd,
    timeoutMs: options.timeoutMs ?? DEFAULT_TIMEOUT_MS,
    platform: process.platform,
    arch: process.arch,
    ...(options.python === undefined ? {} : { python: options.python }),
    sysfs: '/sys',
    nodeModulesFrom: [join(cwd, 'package.json'), import.meta.url],
    runtimes,
  };
  // The probes (execa, systeminformation) load on first use: `select --host-file` never needs them.
  const report = import('./probes/run-probes.js').then(({ runProbes }) => runProbes(context));
  cache.set(key, report);
  report.catch(() => cache.delete(key));
  return report;
}

/** The machine this process runs on as a HostInfo; see detectHostReport. */
export async function detectHost(options: DetectOptions = {}): Promise<HostInfo> {
  return (await detectHostReport(options)).host;
}
