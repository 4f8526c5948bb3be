import type { RuntimeDetection } from '@switchyard/core';

/** Everything a probe may depend on, so tests can stand in for the machine. */
export interface ProbeContext {
  readonly env: NodeJS.ProcessEnv;
  readonly cwd: string;
  readonly timeoutMs: number;
  readonly platform: NodeJS.Platform;
  /** The architecture Node was built for; under Rosetta this is x64 on an arm64 Mac. */
  readonly arch: string;
  /** Interpreter asked for explicitly (`--python`); else SWITCHYARD_PYTHON, python3, python. */
  readonly python?: string;
  /** Where sysfs is mounted (/sys on Linux), for the GPU memory the amdgpu driver states there. */
  readonly sysfs: string;
  /** Files or URLs whose node_modules lookup may find node-llama-cpp: the project, then Switchyard. */
  readonly nodeModulesFrom: readonly string[];
  /** Plugins' runtimes, probed beside Switchyard's own engines. */
  readonly runtimes: readonly RuntimeDetection[];
}

/** What a probe learned, and the few words the report shows for it. */
export interface Probed<T> {
  readonly value: T;
  readonly summary: string;
}
