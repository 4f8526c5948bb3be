import type { EngineInstall, ExecutableRuntimeDetection } from '@switchyard/core';
import { findExecutable } from './find-executable.js';
import type { ProbeContext, Probed } from './probe-context.js';
import { ProbeError } from './probe-error.js';
import { runTool } from './run-tool.js';

const VERSION = /\bv?(\d+(?:\.\d+)+(?:[-+][\w.]+)?)\b/;

/** A plugin's engine executable on PATH, and the version it prints (`ollama version is 0.9.0`). */
export async function probeExecutableRuntime(
  runtime: ExecutableRuntimeDetection,
  context: ProbeContext,
): Promise<Probed<EngineInstall | undefined>> {
  const path = findExecutable(runtime.executable, context.env, context.cwd);
  if (!path) return { value: undefined, summary: 'not on PATH' };
  const args = runtime.versionArgs ?? ['--version'];
  const { stdout, stderr } = await runTool(path, args, context);
  const version = VERSION.exec(`${stdout}\n${stderr}`)?.[1];
  if (!version) {
    throw new ProbeError(
      `${runtime.executable} ${args.join(' ')} printed no version (it printed "${`${stdout} ${stderr}`.trim().slice(0, 80)}")`,
      `Run \`${runtime.executable} ${args.join(' ')}\` yourself; reinstall it if it fails.`,
    );
  }
  return { value: { version, path }, summary: `${version} at ${path}` };
}
