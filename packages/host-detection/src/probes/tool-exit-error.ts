import { ProbeError } from './probe-error.js';
import type { ToolOutput } from './run-tool.js';

/**
 * A tool exited with a code other than 0. What it printed comes with the error: nvidia-smi, for
 * one, still lists the GPUs that work when another fails.
 */
export class ToolExitError extends ProbeError {
  readonly exitCode: number;
  readonly output: ToolOutput;

  constructor(message: string, exitCode: number, output: ToolOutput) {
    super(message);
    this.exitCode = exitCode;
    this.output = output;
  }
}
