import { findExecutable } from './find-executable.js';
import type { ProbeContext, Probed } from './probe-context.js';
import { runTool } from './run-tool.js';

export interface AppleSilicon {
  /** The chip, e.g. "Apple M2 Pro"; a generic name when Rosetta hides it. */
  readonly chip: string;
  /** Node itself is an x64 build running under Rosetta. */
  readonly translated: boolean;
}

const KEYS = ['hw.optional.arm64', 'sysctl.proc_translated', 'machdep.cpu.brand_string'];

/** On a Mac, whether it is Apple silicon, even when Node runs under Rosetta. Undefined on Intel Macs. */
export async function probeAppleSilicon(context: ProbeContext): Promise<Probed<AppleSilicon | undefined>> {
  // sysctl lives in /usr/sbin, which a GUI-launched process often lacks on PATH.
  const sysctl = findExecutable('sysctl', context.env, context.cwd) ?? '/usr/sbin/sysctl';
  // -i: keys this macOS does not know (proc_translated on Intel) are skipped, not an error.
  const { stdout } = await runTool(sysctl, ['-i', ...KEYS], context);
  const silicon = parseSysctl(stdout, context.arch);
  if (!silicon) return { value: undefined, summary: 'Intel Mac' };
  return { value: silicon, summary: `${silicon.chip}${silicon.translated ? ' (Node runs under Rosetta)' : ''}` };
}

/** Reads `key: value` lines of `sysctl hw.optional.arm64 sysctl.proc_translated machdep.cpu.brand_string`. */
export function parseSysctl(output: string, nodeArch: string): AppleSilicon | undefined {
  const values = new Map<string, string>();
  for (const line of output.split(/\r?\n/)) {
    const match = /^([\w.]+):\s*(.*)$/.exec(line.trim());
    if (match?.[1] && match[2] !== undefined) values.set(match[1], match[2].trim());
  }
  const translated = values.get('sysctl.proc_translated') === '1' || nodeArch === 'x64';
  if (values.get('hw.optional.arm64') !== '1') return undefined;
  // Under Rosetta the brand string can read "VirtualApple @ 2.50GHz processor".
  const brand = values.get('machdep.cpu.brand_string') ?? '';
  return { chip: brand.startsWith('Apple') ? brand : 'Apple silicon', translated };
}
