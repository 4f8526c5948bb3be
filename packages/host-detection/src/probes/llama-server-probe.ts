import type { EngineInstall } from '@switchyard/core';
import { findExecutable } from './find-executable.js';
import type { ProbeContext, Probed } from './probe-context.js';
import { ProbeError } from './probe-error.js';
import { runTool } from './run-tool.js';

/** llama.cpp's server on PATH and its build, named like llama.cpp's release tags (b4067). */
export async function probeLlamaServer(context: ProbeContext): Promise<Probed<EngineInstall | undefined>> {
  const server = findExecutable('llama-server', context.env, context.cwd);
  if (!server) return { value: undefined, summary: 'not on PATH' };
  const { stdout, stderr } = await runTool(server, ['--version'], context);
  const version = parseLlamaServerVersion(`${stderr}\n${stdout}`);
  return { value: { version, path: server }, summary: `${version} at ${server}` };
}

/**
 * Reads `version: 4067 (1e5a7c8e)` from `llama-server --version` (printed on stderr, possibly
 * after backend start-up logs).
 */
export function parseLlamaServerVersion(output: string): string {
  const match = /^version:\s*(\d+)\s*\(/m.exec(output);
  if (!match) {
    throw new ProbeError(
      `llama-server --version printed no "version: N (commit)" line (it printed "${output.trim().slice(0, 80)}")`,
      'Run `llama-server --version` yourself; reinstall llama.cpp if it fails.',
    );
  }
  return `b${match[1]}`;
}
