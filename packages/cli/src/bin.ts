#!/usr/bin/env node
import { main } from './main.js';

// A closed pipe (`switchyard models | head`) means the reader has what it wanted: stop quietly.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE') process.exit(0);
  throw error;
});

const code = await main(process.argv.slice(2));
// Exit once the output is out rather than when the event loop drains: systeminformation's helpers
// (lspci, dmidecode) have no timeout, and one that hangs would hold the process for a minute more.
process.stdout.write('', () => process.exit(code));
