import { type HostInfo, HostInfoSchema, parseInput } from '@switchyard/core';
import { readJsonFile } from './read-json-file.js';

export interface HostFlags {
  readonly hostFile?: string;
}

/** The host described by `--host-file`, or undefined to detect this machine. */
export async function readHostFlag(flags: HostFlags, cwd: string): Promise<HostInfo | undefined> {
  if (flags.hostFile === undefined) return undefined;
  const json = await readJsonFile(flags.hostFile, '--host-file', cwd);
  return parseInput(
    HostInfoSchema,
    json,
    `host file ${flags.hostFile}`,
    'Run `switchyard host --json` to see the expected shape.',
  );
}
