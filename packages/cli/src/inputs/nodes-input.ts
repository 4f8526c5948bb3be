import { InvalidInputError } from '@switchyard/core';
import type { CliIo } from '../io.js';
import { parseJsonText, readJsonFile } from './read-json-file.js';

const HINT =
  'Pass `--nodes nodes.json` (written by `kubectl get nodes -o json > nodes.json`), or pipe that command into `--nodes -`.';

/** `--nodes FILE` or `--nodes -` (standard input): the JSON of `kubectl get nodes -o json`. */
export async function readNodesFlag(nodes: string | undefined, io: CliIo): Promise<unknown> {
  if (nodes === undefined || nodes.trim() === '') {
    throw new InvalidInputError('command line', [{ field: '--nodes', message: 'is required' }], HINT);
  }
  if (nodes !== '-') return readJsonFile(nodes, '--nodes', io.cwd);
  const text = (await io.readStdin?.()) ?? '';
  if (text.trim() === '') {
    throw new InvalidInputError('--nodes -', [{ field: '', message: 'nothing was piped to standard input' }], HINT);
  }
  return parseJsonText(text, '--nodes - (standard input)');
}
