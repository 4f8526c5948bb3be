import type { ExitCode } from './exit-codes.js';
import type { CliIo } from './io.js';

/** What every command is built with. */
export interface CommandContext {
  readonly io: CliIo;
  /** Arguments after `--`, passed to the engine verbatim. */
  readonly extraArgs: readonly string[];
  readonly setExitCode: (code: ExitCode) => void;
}
