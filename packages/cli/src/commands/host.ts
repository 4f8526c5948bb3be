import type { HostInfo } from '@switchyard/core';
import { detectHostReport, type HostReport, type ProbeReport } from '@switchyard/host-detection';
import { Command } from 'commander';
import type { CommandContext } from '../command-context.js';
import { type PluginFlags, resolvePlugins } from '../inputs/plugins.js';
import { configOption, pluginOption } from '../options.js';
import { countPrefix, type GpuGroup, groupGpus, indexRanges } from '../output/gpu-groups.js';
import { type Palette, paletteFor } from '../output/palette.js';

interface HostCommandFlags extends PluginFlags {
  readonly json?: boolean;
  readonly refresh?: boolean;
  readonly python?: string;
}

const GIB = 1024 ** 3;

export function hostCommand({ io }: CommandContext): Command {
  return new Command('host')
    .description('describe this machine: OS, CPU, memory, GPUs and installed engines (--json writes a --host-file)')
    .option('--json', 'print the host as JSON, in the form --host-file reads')
    .option('--refresh', 'probe again instead of reusing this process’s answer')
    .option('--python <path>', 'Python interpreter to probe for Python engines (default: $SWITCHYARD_PYTHON, python3)')
    .addOption(pluginOption())
    .addOption(configOption())
    .action(async (flags: HostCommandFlags) => {
      // Plugins (--plugin, switchyard.config.json) say how to find their engines' runtimes.
      const plugins = await resolvePlugins(flags, io.cwd);
      const report = await detectHostReport({
        env: io.env,
        cwd: io.cwd,
        refresh: flags.refresh === true,
        ...(flags.python === undefined ? {} : { python: flags.python }),
        runtimes: plugins.flatMap((plugin) => plugin.backends.flatMap((backend) => backend.runtimes ?? [])),
      });
      if (flags.json) {
        io.stdout(`${JSON.stringify(report.host, null, 2)}\n`);
        // stdout stays a valid host file; what went wrong goes to stderr.
        for (const probe of report.probes.filter((p) => !p.ok)) io.stderr(`warning: ${probe.name}: ${probe.error}\n`);
      } else {
        io.stdout(describeReport(report, paletteFor(io)));
      }
    });
}

function describeReport({ host, probes }: HostReport, pc: Palette): string {
  const failed = probes.filter((probe) => !probe.ok);
  return [
    'Host',
    `  OS       ${host.os} ${host.arch}`,
    `  CPU      ${host.cpu ? `${host.cpu.model}, ${host.cpu.cores} cores` : 'unknown'}`,
    `  Memory   ${host.memoryBytes === undefined ? 'unknown' : gib(host.memoryBytes)}`,
    '',
    'GPUs',
    ...(host.gpus.length === 0 ? ['  none found'] : groupGpus(host.gpus).map((group) => `  ${describeGpus(group)}`)),
    '',
    'Engines',
    ...describeEngines(host),
    '',
    'Probes',
    ...describeProbes(probes, pc),
    '',
    ...(failed.length === 0
      ? []
      : [`${failed.length} probe${failed.length === 1 ? '' : 's'} failed: what they look for is missing above.`]),
    'Save this description for planning elsewhere: switchyard host --json > host.json',
    '',
  ].join('\n');
}

function describeGpus(group: GpuGroup): string {
  const { gpu, indices } = group;
  const details = [
    gpu.memoryMiB === undefined
      ? undefined
      : gib(gpu.memoryMiB * 1024 ** 2) + (gpu.vendor === 'apple' ? ' unified' : ''),
    gpu.computeCapability && `compute ${gpu.computeCapability}`,
    gpu.driverVersion && `driver ${gpu.driverVersion}`,
  ].filter(Boolean);
  return `[${indexRanges(indices)}] ${countPrefix(group)}${gpu.vendor} ${gpu.name}${details.length ? `  (${details.join(', ')})` : ''}`;
}

function describeEngines(host: HostInfo): string[] {
  const engines = Object.entries(host.engines);
  if (engines.length === 0) {
    return [
      '  none found. Install one: pip install vllm (NVIDIA GPUs), pip install mlx-lm (Apple silicon),',
      '  pip install transformers torch (any machine), or llama.cpp’s llama-server.',
    ];
  }
  const width = Math.max(...engines.map(([name, install]) => `${name} ${install.version}`.length));
  return engines.map(
    ([name, install]) => `  ${`${name} ${install.version}`.padEnd(width)}${install.path ? `  ${install.path}` : ''}`,
  );
}

function describeProbes(probes: readonly ProbeReport[], pc: Palette): string[] {
  const width = Math.max(...probes.map((probe) => probe.name.length));
  return probes.map((probe) => {
    const mark = probe.ok ? pc.green('✓') : pc.red('✗');
    const time = `${probe.durationMs} ms`.padStart(8);
    return `  ${mark} ${probe.name.padEnd(width)} ${time}  ${probe.ok ? probe.summary : `failed: ${probe.error}`}`;
  });
}

const gib = (bytes: number) => `${(bytes / GIB).toFixed(1)} GiB`;
