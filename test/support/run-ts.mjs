#!/usr/bin/env node
/**
 * Runs one of the repository's TypeScript scripts without a build, resolving @switchyard/* to the
 * sources as the tests do (through Vite's module runner and vitest.config.ts):
 *
 *   node test/support/run-ts.mjs test/support/write-tiny-model.ts [out.gguf]
 */
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runnerImport } from 'vite';

const root = fileURLToPath(new URL('../..', import.meta.url));

/** Imports a TypeScript module of this repository and returns its exports. */
export async function importTs(path) {
  const { module } = await runnerImport(resolve(path), {
    configFile: resolve(root, 'vitest.config.ts'),
    logLevel: 'error',
  });
  return module;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const [script, ...args] = process.argv.slice(2);
  if (!script) {
    process.stderr.write('usage: node test/support/run-ts.mjs SCRIPT.ts [args…]\n');
    process.exit(2);
  }
  process.argv = [process.argv[0] ?? 'node', resolve(script), ...args];
  await importTs(script);
}
