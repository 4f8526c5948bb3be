#!/usr/bin/env node
import { config as zodConfig } from 'zod';
import { hideSecretArguments } from './hide-secret-arguments.js';
import { main } from './main.js';
import { isOutputClosed, watchOutputClosed } from './stop-requests.js';

hideSecretArguments();
// A command parses each input once, so zod's compiled fast path would cost more to build than it saves.
zodConfig({ jitless: true });
// A closed pipe (`switchyard models | head`, `launch 2>&1 | head -1`) means the reader has what it wanted.
for (const stream of [process.stdout, process.stderr]) watchOutputClosed(stream, (code) => process.exit(code));

// Not a top-level await: a lazily loaded chunk (serve's HTTP stack) imports this entry, and would
// wait forever for an entry that is itself waiting for the command to end.
void main(process.argv.slice(2)).then(async (code) => {
  // Exit once the output is out rather than when the event loop drains: systeminformation's helpers
  // (lspci, dmidecode) have no timeout, and one that hangs would hold the process for a minute more.
  // Both streams: a piped stderr is written asynchronously, and a long error would be cut short.
  for (const stream of [process.stdout, process.stderr]) {
    if (!isOutputClosed()) await new Promise((resolve) => stream.write('', resolve));
  }
  process.exit(code);
});
