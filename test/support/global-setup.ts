import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { ensurePythonEnv } from './python-env.js';

declare module 'vitest' {
  export interface ProvidedContext {
    /** The tests' Python interpreter, or why it could not be had: only tests that need it fail then. */
    testPython: { readonly python: string } | { readonly error: string };
    /** A folder for this run's shared fixtures (e.g. the tiny transformers model), removed at the end. */
    testRunDir: string;
  }
}

/** Once per test run, before any test file: the Python environment and the run's fixture folder. */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const runDir = await mkdtemp(join(tmpdir(), 'switchyard-test-run-'));
  project.provide('testRunDir', runDir);
  project.provide(
    'testPython',
    await ensurePythonEnv((line) => console.log(line)).then(
      (python) => ({ python }),
      (error: Error) => ({ error: error.message }),
    ),
  );
  return () => rm(runDir, { recursive: true, force: true });
}
