#!/usr/bin/env node
// npm links a bin only if its file exists at install time, and a fresh clone installs before it
// builds: this committed entry point keeps `npx switchyard` linked, and loads the built bundle.
// CommonJS, as the bundle is: a person waits on every run's start-up, and CommonJS starts without
// the ES module loader's resolve-and-link pass.
'use strict';
const { existsSync } = require('node:fs');
const { join } = require('node:path');

const bundle = join(__dirname, '..', 'dist', 'bundle', 'switchyard.cjs');
if (!existsSync(bundle)) {
  process.stderr.write('switchyard is not built yet.\n  hint: run `npm run build` in the repository root\n');
  process.exit(2);
}
// Node 22.1+ keeps V8's compiled code between runs; older Node simply compiles each time.
require('node:module').enableCompileCache?.();
require(bundle);
