import { basename } from 'node:path';
import { killProcessGroup } from '@switchyard/core';
import { execa, type ResultPromise } from 'execa';
import { ProbeError } from './probe-error.js';
import { ToolExitError } from './tool-exit-error.js';
import { killGroupOnExit } from './tool-group-guard.js';

export interface RunToolOptions {
  readonly timeoutMs: number;
  readonly env: NodeJS.ProcessEnv;
  readonly cwd: string;
}

export interface ToolOutput {
  readonly stdout: string;
  readonly stderr: string;
}

/** A probe reads a version line or a short table; more than this is garbage. */
const MAX_OUTPUT_BYTES = 1024 * 1024;
/** On POSIX the tool gets its own process group, so a timeout can kill what it spawned too. */
const OWN_PROCESS_GROUP = process.platform !== 'win32';

/**
 * Runs a tool directly (never through a shell) and resolves with its output when it exits 0; any
 * other end is a ProbeError that says why (a ToolExitError, with the output, for an exit code).
 * When the time is up, or this process exits or is interrupted, the tool is killed with its whole
 * process group: a grandchild holding the pipes open (a pyenv shim's python, say) must not keep
 * the probe, or the CLI, waiting, nor outlive it.
 */
export async function runTool(file: string, args: readonly string[], options: RunToolOptions): Promise<ToolOutput> {
  const name = basename(file);
  const subprocess = execa(file, args, {
    env: options.env,
    extendEnv: false,
    cwd: options.cwd,
    stdin: 'ignore',
    reject: false,
    maxBuffer: MAX_OUTPUT_BYTES,
    detached: OWN_PROCESS_GROUP,
    windowsHide: true,
  });
  const forgetGroup = OWN_PROCESS_GROUP && subprocess.pid !== undefined ? killGroupOnExit(subprocess.pid) : () => {};
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    terminate(subprocess);
  }, options.timeoutMs);
  const result = await subprocess.finally(() => {
    clearTimeout(timer);
    forgetGroup();
  });
  if (timedOut) throw new ProbeError(`${name} did not answer within ${options.timeoutMs} ms`);
  if (result.failed) {
    const output = firstLine(result.stderr) || firstLine(result.stdout);
    if (result.exitCode !== undefined) {
      const message = `${name} exited with code ${result.exitCode}${output ? `: ${output}` : ''}`;
      throw new ToolExitError(message, result.exitCode, { stdout: result.stdout, stderr: result.stderr });
    }
    throw new ProbeError(`${name} failed: ${result.shortMessage}`);
  }
  return { stdout: result.stdout, stderr: result.stderr };
}

function terminate(subprocess: ResultPromise): void {
  if (OWN_PROCESS_GROUP && subprocess.pid !== undefined) killProcessGroup(subprocess.pid);
  else subprocess.kill('SIGKILL');
  // Something that left the group (setsid) may still hold the pipes; stop reading them.
  subprocess.stdout?.destroy();
  subprocess.stderr?.destroy();
}

/** The first non-empty line of a tool's output, cut to a length a report line can hold. */
export function firstLine(text: string): string {
  const line = text.split(/\r?\n/).find((candidate) => candidate.trim() !== '') ?? '';
  const trimmed = line.trim();
  return trimmed.length > 160 ? `${trimmed.slice(0, 157)}...` : trimmed;
}
