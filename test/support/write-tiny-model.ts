/**
 * Writes the tiny demo model (a llama with random weights, ~0.5 MB) for trying Switchyard without
 * downloading a model; its answers are gibberish:
 *
 *   node test/support/run-ts.mjs test/support/write-tiny-model.ts [out.gguf]
 */
import { resolve } from 'node:path';
import { writeTinyLlama } from './tiny-llama.js';

const target = resolve(process.argv[2] ?? 'tiny-llama.gguf');
await writeTinyLlama(target);
process.stdout.write(`Wrote ${target}\n`);
