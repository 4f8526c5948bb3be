import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import type { CliIo } from '../../packages/cli/src/io.js';
import { main } from '../../packages/cli/src/main.js';

export interface CliResult {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

export const CLI_BIN = fileURLToPath(new URL('../../packages/cli/bin/switchyard.cjs', import.meta.url));
export const REPO_ROOT = fileURLToPath(new URL('../..', import.meta.url));

/** Runs the CLI in-process with captured output; fast enough for table-driven tests. */
export async function runCli(
  argv: readonly string[],
  options: { cwd?: string; env?: NodeJS.ProcessEnv; platform?: NodeJS.Platform } = {},
): Promise<CliResult> {
  let stdout = '';
  let stderr = '';
  const io: CliIo = {
    stdout: (text) => {
      stdout += text;
    },
    stderr: (text) => {
      stderr += text;
    },
    cwd: options.cwd ?? REPO_ROOT,
    env: options.env ?? { ...process.env },
    ...(options.platform ? { platform: options.platform } : {}),
    interactive: false,
    color: false,
    columns: 120,
  };
  const code = await main(argv, io);
  return { code, stdout, stderr };
}

/** Runs the built binary as a user would (needs `npm run build` first). */
export async function runCliBinary(
  argv: readonly string[],
  options: { cwd?: string; env?: NodeJS.ProcessEnv } = {},
): Promise<CliResult> {
  try {
    const { stdout, stderr } = await promisify(execFile)(process.execPath, [CLI_BIN, ...argv], {
      cwd: options.cwd ?? REPO_ROOT,
      env: options.env ?? { ...process.env, NO_COLOR: '1' },
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code?: number; stdout?: string; stderr?: string };
    if (typeof failed.code !== 'number') throw error;
    return { code: failed.code, stdout: failed.stdout ?? '', stderr: failed.stderr ?? '' };
  }
}

export const fixture = (name: string) => fileURLToPath(new URL(`../fixtures/${name}`, import.meta.url));
