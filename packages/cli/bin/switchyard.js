#!/usr/bin/env node
// npm links a bin only if its file exists at install time, and a fresh clone installs before it
// builds: this committed entry point keeps `npx switchyard` linked, and loads the built bundle.
import { existsSync } from 'node:fs';

const bundle = new URL('../dist/bundle/switchyard.js', import.meta.url);
if (!existsSync(bundle)) {
  process.stderr.write('switchyard is not built yet.\n  hint: run `npm run build` in the repository root\n');
  process.exit(2);
}
await import(bundle.href);
