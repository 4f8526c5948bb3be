import { loadOptionalPackage } from '../optional/optional-package.js';
import type { HostInfo } from './host-info.js';
import type { RuntimeDetection } from './runtime-detection.js';

export interface DetectOptions {
  /** Ignore the cached result and probe again. */
  readonly refresh?: boolean;
  /** Python interpreter to probe for Python engines; else SWITCHYARD_PYTHON, python3, python. */
  readonly python?: string;
  /** Where to look for tools (PATH) and SWITCHYARD_PYTHON; defaults to process.env. */
  readonly env?: NodeJS.ProcessEnv;
  /** The project whose node_modules may hold node-llama-cpp; defaults to process.cwd(). */
  readonly cwd?: string;
  /** How long each probe may take before it counts as failed; 5000 ms by default. */
  readonly timeoutMs?: number;
  /** Runtimes of plugins' engines to look for too; a Switchyard instance passes its backends'. */
  readonly runtimes?: readonly RuntimeDetection[];
}

/** Where a Switchyard instance learns about the machine it plans for. */
export interface HostProvider {
  detect(options?: DetectOptions): Promise<HostInfo>;
}

/** A provider that always answers with the given host, e.g. one read from `--host-file`. */
export function fixedHost(host: HostInfo): HostProvider {
  return { detect: async () => host };
}

/** What a host detection package gives: `@switchyard/host-detection`. */
export interface HostDetection {
  detectHost(options?: DetectOptions): Promise<HostInfo>;
}

/** A provider that loads host detection on first use, so that planning from a host file never pays for it. */
export function lazyHost(load: () => Promise<HostDetection>): HostProvider {
  return { detect: async (options) => (await load()).detectHost(options) };
}

/**
 * Detects the machine this process runs on with `@switchyard/host-detection`, an optional peer:
 * installed with the CLI, absent from a backend author's install.
 */
export const detectedHost: HostProvider = lazyHost(() =>
  loadOptionalPackage<HostDetection>('@switchyard/host-detection', 'Detecting this machine', 'pass the `host` option'),
);
