import { chmod, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach } from 'vitest';

/** Prefix of the Python probe's answer line (see python-probe.ts). */
const PYTHON_MARKER = 'SWITCHYARD_PYTHON_PROBE';

export interface FakeTools {
  /** A directory to put first (or alone) on PATH. */
  readonly bin: string;
  /** A scratch directory beside it, e.g. a project with node_modules. */
  readonly root: string;
  /** Writes an executable `#!/bin/sh` script named `name` into `bin`; returns its path. */
  tool(name: string, body: string): Promise<string>;
}

const created: string[] = [];
afterEach(async () => {
  await Promise.all(created.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
});

/** A fresh temporary directory of fake tools, removed after the test. */
export async function fakeTools(): Promise<FakeTools> {
  const root = await mkdtemp(join(tmpdir(), 'switchyard-host-'));
  created.push(root);
  const bin = join(root, 'bin');
  await mkdir(bin);
  return {
    bin,
    root,
    async tool(name, body) {
      const file = join(bin, name);
      await writeFile(file, `#!/bin/sh\n${body}\n`);
      await chmod(file, 0o755);
      return file;
    },
  };
}

/** Body of an `nvidia-smi` that prints these CSV rows for the probe's query. */
export function nvidiaSmi(rows: readonly string[]): string {
  return `printf '%s\\n' ${rows.map((row) => `'${row}'`).join(' ')}`;
}

/** `count` GPU rows with memory (total, then 1 GiB less free) growing per index, as nvidia-smi prints them. */
export function gpuRows(count: number): string[] {
  return Array.from(
    { length: count },
    (_, i) => `${i}, NVIDIA H100 80GB HBM3, ${16384 * (i + 1)}, ${16384 * (i + 1) - 1024}, 9.0, 550.54.15`,
  );
}

/** Body of a `python` that answers the probe as an interpreter with these packages would. */
export function fakePython(packages: Record<string, string>, executable = '/opt/fake/bin/python3'): string {
  return pythonAnswering({ executable, python: '3.11.7', packages });
}

/** Body of a `python` older than the engines need, answering as the probe's version check has it. */
export function fakeOldPython(version: string, executable: string): string {
  return pythonAnswering({ executable, python: version, packages: {}, tooOld: true });
}

function pythonAnswering(answer: object): string {
  return `[ "$1" = "-c" ] || exit 3\necho '${PYTHON_MARKER}${JSON.stringify(answer)}'`;
}

/** A tool that ignores SIGTERM and leaves a child holding its output open: only a group kill ends it. */
export const HANGS = "trap '' TERM\nPATH=/usr/bin:/bin sleep 60";

/** HANGS, after writing its process id (its process group's too: run-tool gives it one) to `pidFile`. */
export function hangsWritingPid(pidFile: string): string {
  return `echo $$ > '${pidFile}'\n${HANGS}`;
}
