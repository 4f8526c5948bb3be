import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { rename, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { inject } from 'vitest';
import { PYTHON_DIR } from './python-env.js';
import { testPython } from './test-python.js';

/**
 * A tiny random-weight Hugging Face model folder named tiny-hf-model (test/python/write_tiny_hf_model.py),
 * written by transformers once per test run and shared by the test files that ask for it.
 */
export async function tinyHfModel(): Promise<string> {
  const folder = join(inject('testRunDir'), 'tiny-hf-model');
  if (existsSync(folder)) return folder;
  // Written aside and renamed, so that a test file never sees half a model; another file may win the race.
  const partial = `${folder}.${process.pid}`;
  await promisify(execFile)(testPython(), [join(PYTHON_DIR, 'write_tiny_hf_model.py'), partial]);
  await rename(partial, folder).catch(async (error: NodeJS.ErrnoException) => {
    if (!existsSync(folder)) throw error;
    await rm(partial, { recursive: true, force: true });
  });
  return folder;
}
