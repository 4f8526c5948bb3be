import { resolve } from 'node:path';
import { InvalidInputError } from '@switchyard/core';
import { readTextFile } from './read-text-file.js';

/** Host files, model files and specs are kilobytes; the largest sane one is far below this. */
const MAX_JSON_BYTES = 64 * 1024 ** 2;

/** Reads a JSON file named by a flag; a missing or malformed file is an input error naming the flag. */
export async function readJsonFile(path: string, flag: string, cwd: string): Promise<unknown> {
  let text: string;
  try {
    text = await readTextFile(resolve(cwd, path), MAX_JSON_BYTES);
  } catch (error) {
    throw new InvalidInputError(
      `${flag} ${path}`,
      [{ field: '', message: `cannot read it: ${(error as Error).message}` }],
      'Check the path, and that you may read the file.',
    );
  }
  return parseJsonText(text, `${flag} ${path}`);
}

/** Parses JSON read for `what` (a flag and its file, or standard input); malformed JSON is an input error. */
export function parseJsonText(text: string, what: string): unknown {
  try {
    // Editors on Windows often save UTF-8 with a byte-order mark, which JSON.parse refuses.
    return JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (error) {
    throw new InvalidInputError(
      what,
      [{ field: '', message: `it is not valid JSON: ${(error as Error).message}` }],
      'Fix the JSON where the message says.',
    );
  }
}
