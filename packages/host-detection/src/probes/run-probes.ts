import { type EngineInstall, type GpuInfo, isSwitchyardError, parseHostInfo } from '@switchyard/core';
import { type AppleSilicon, probeAppleSilicon } from './apple-silicon-probe.js';
import { probeExecutableRuntime } from './executable-runtime-probe.js';
import { probeGraphics } from './graphics-probe.js';
import { hostArchitecture } from './host-architecture.js';
import type { HostReport, ProbeReport } from './host-report.js';
import { probeLlamaServer } from './llama-server-probe.js';
import { probeNodeLlamaCpp } from './node-llama-cpp-probe.js';
import { probeNvidiaSmi } from './nvidia-smi-probe.js';
import type { ProbeContext, Probed } from './probe-context.js';
import { ProbeError } from './probe-error.js';
import { probePython } from './python-probe.js';
import { probeSystem, type SystemInfo } from './system-probe.js';

type Outcome<T> = { readonly ok: true; readonly value: T } | { readonly ok: false };

const MIB = 1024 ** 2;
/** Past its own timeout a tool probe reports itself; this catches probes that have no tool to kill. */
const DEADLINE_GRACE_MS = 250;

/**
 * Runs every probe at once and assembles the host from what they found. Never rejects for a
 * probe; rejects with UnsupportedHostError, before probing, on an architecture it cannot describe.
 */
export async function runProbes(context: ProbeContext): Promise<HostReport> {
  const arch = hostArchitecture(context.arch);
  const probes: ProbeReport[] = [];
  const run = <T>(name: string, probe: () => Promise<Probed<T>>) =>
    runOne(name, probe, context.timeoutMs + DEADLINE_GRACE_MS, probes);

  // Tools are spawned first (slowest first) so they run while systeminformation loads.
  const python = run('python', () => probePython(context));
  const nvidia = run('nvidia-smi', () => probeNvidiaSmi(context));
  const llamaServer = run('llama-server', () => probeLlamaServer(context));
  const apple: Promise<Outcome<AppleSilicon | undefined>> =
    context.platform === 'darwin'
      ? run('apple-silicon', () => probeAppleSilicon(context))
      : Promise.resolve({ ok: true, value: undefined });
  const system = run('system', probeSystem);
  const nodeLlamaCpp = run('node-llama-cpp', () => probeNodeLlamaCpp(context));
  const pluginRuntimes = context.runtimes
    .filter((runtime) => 'executable' in runtime)
    .map((runtime) => ({
      name: runtime.name,
      found: run(runtime.name, () => probeExecutableRuntime(runtime, context)),
    }));
  const gpus = detectGpus(nvidia, apple, system, run, context);

  const [systemInfo, silicon, gpuList, pythonEngines, server, nodePackage] = await Promise.all([
    system,
    apple,
    gpus,
    python,
    llamaServer,
    nodeLlamaCpp,
  ]);
  const engines: Record<string, EngineInstall> = { ...(pythonEngines.ok ? pythonEngines.value : {}) };
  if (server.ok && server.value) engines['llama-server'] = server.value;
  if (nodePackage.ok && nodePackage.value) engines['node-llama-cpp'] = nodePackage.value;
  for (const { name, found } of pluginRuntimes) {
    const outcome = await found;
    if (outcome.ok && outcome.value) engines[name] = outcome.value;
  }

  const host = parseHostInfo({
    os: context.platform,
    // An x64 Node under Rosetta still runs on an arm64 Mac, and engines run natively there.
    arch: silicon.ok && silicon.value ? 'arm64' : arch,
    ...(systemInfo.ok ? systemInfo.value : {}),
    gpus: gpuList,
    engines,
  });
  const order = [...ORDER, ...pluginRuntimes.map((runtime) => runtime.name)];
  return { host, probes: order.flatMap((name) => probes.filter((probe) => probe.name === name)) };
}

const ORDER = ['system', 'nvidia-smi', 'apple-silicon', 'graphics', 'python', 'llama-server', 'node-llama-cpp'];

/**
 * nvidia-smi when it lists GPUs; else the Apple silicon GPU; else systeminformation, but only
 * when nvidia-smi is absent: systeminformation calls it again, synchronously and without a
 * timeout, which would freeze the process on a driver that hangs.
 */
async function detectGpus(
  nvidia: Promise<Outcome<GpuInfo[] | undefined>>,
  apple: Promise<Outcome<AppleSilicon | undefined>>,
  system: Promise<Outcome<SystemInfo>>,
  run: <T>(name: string, probe: () => Promise<Probed<T>>) => Promise<Outcome<T>>,
  context: ProbeContext,
): Promise<GpuInfo[]> {
  const [fromSmi, silicon] = await Promise.all([nvidia, apple]);
  if (fromSmi.ok && fromSmi.value?.length) return fromSmi.value;
  if (silicon.ok && silicon.value) {
    const memory = await system;
    const gpu: GpuInfo = { index: 0, vendor: 'apple', name: silicon.value.chip };
    // Unified memory: the GPU can use the machine's memory.
    if (memory.ok && memory.value.memoryBytes) gpu.memoryMiB = Math.round(memory.value.memoryBytes / MIB);
    return [gpu];
  }
  if (!fromSmi.ok || fromSmi.value !== undefined) return [];
  const graphics = await run('graphics', () => probeGraphics(context));
  return graphics.ok ? graphics.value : [];
}

async function runOne<T>(
  name: string,
  probe: () => Promise<Probed<T>>,
  deadlineMs: number,
  reports: ProbeReport[],
): Promise<Outcome<T>> {
  const started = performance.now();
  const durationMs = () => Math.round(performance.now() - started);
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new ProbeError(`did not finish within ${deadlineMs} ms`)), deadlineMs);
  });
  try {
    const { value, summary } = await Promise.race([probe(), deadline]);
    reports.push({ name, ok: true, durationMs: durationMs(), summary });
    return { ok: true, value };
  } catch (error) {
    reports.push({ name, ok: false, durationMs: durationMs(), summary: 'failed', error: describeFailure(error) });
    return { ok: false };
  } finally {
    clearTimeout(timer);
  }
}

function describeFailure(error: unknown): string {
  if (isSwitchyardError(error)) return error.hint ? `${error.message}. ${error.hint}` : error.message;
  return error instanceof Error ? error.message : String(error);
}
