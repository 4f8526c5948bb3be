import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { InvalidInputError } from '@switchyard/core';

/** Reads a JSON file named by a flag; a missing or malformed file is an input error naming the flag. */
export async function readJsonFile(path: string, flag: string, cwd: string): Promise<unknown> {
  let text: string;
  try {
    text = await readFile(resolve(cwd, path), 'utf8');
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (error as Error).message;
    throw new InvalidInputError(`${flag} ${path}`, [{ field: '', message: `cannot read it: ${reason}` }]);
  }
  return parseJsonText(text, `${flag} ${path}`);
}

/** Parses JSON read for `what` (a flag and its file, or standard input); malformed JSON is an input error. */
export function parseJsonText(text: string, what: string): unknown {
  try {
    // Editors on Windows often save UTF-8 with a byte-order mark, which JSON.parse refuses.
    return JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (error) {
    throw new InvalidInputError(what, [{ field: '', message: `it is not valid JSON: ${(error as Error).message}` }]);
  }
}
