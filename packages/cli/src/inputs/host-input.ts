import { type HostInfo, InvalidInputError, parseHostInfo } from '@switchyard/core';
import { readJsonFile } from './read-json-file.js';

export interface HostFlags {
  readonly hostFile?: string;
}

/** The host described by `--host-file`, or undefined to detect this machine. */
export async function readHostFlag(flags: HostFlags, cwd: string): Promise<HostInfo | undefined> {
  if (flags.hostFile === undefined) return undefined;
  const json = await readJsonFile(flags.hostFile, '--host-file', cwd);
  return parseHostInfo(json, `host file ${flags.hostFile}`, 'Run `switchyard host --json` to see the expected shape.');
}

/** Commands that start engines plan for the machine they run on: a `--host-file` would plan for another. */
export function refuseHostFile(flags: HostFlags, command: 'launch' | 'serve'): void {
  if (flags.hostFile === undefined) return;
  throw new InvalidInputError(
    'command line',
    [
      {
        field: '--host-file',
        message: `${command} starts engines on this machine, so it plans for the machine it detects; --host-file is for select and plan`,
      },
    ],
    'Drop --host-file; `switchyard plan` takes it to show what another machine would run.',
  );
}
