#!/usr/bin/env node
/**
 * The embedded llama.cpp runtime: an OpenAI-compatible server on node-llama-cpp, started by the
 * Switchyard supervisor as a child process like any other engine. It listens at once (503 while
 * the model loads), prints a ready line, and exits cleanly on SIGTERM or SIGINT.
 */
import { parseServerArgs, type ServerArgs, USAGE } from './args.js';
import { LoadedModel } from './loaded-model.js';
import { createEmbeddedServer } from './router.js';

const log = (line: string) => process.stdout.write(`switchyard-llamacpp: ${line}\n`);

let args: ServerArgs;
try {
  args = parseServerArgs(process.argv.slice(2));
} catch (error) {
  process.stderr.write(`${(error as Error).message}\n${USAGE}\n`);
  process.exit(2);
}

let model: LoadedModel | undefined;
const apiKey = process.env.LLAMA_API_KEY || undefined;
const app = createEmbeddedServer({ alias: args.alias, ...(apiKey ? { apiKey } : {}), model: () => model, log });
const server = app.server;

let stopping = false;
/** Stops taking connections, lets running and queued generations abort and settle, then frees the model. */
async function stop(code: number): Promise<never> {
  if (!stopping) {
    stopping = true;
    server.close();
    // Freeing the model under a running generation would crash the process.
    await model?.close();
    server.closeAllConnections();
  }
  process.exit(code);
}
process.on('SIGTERM', () => void stop(0));
process.on('SIGINT', () => void stop(0));

try {
  await app.listen({ port: args.port, host: args.host });
  log(`loading ${args.model} (listening on ${args.host}:${args.port})`);
} catch (error) {
  process.stderr.write(`cannot listen on ${args.host}:${args.port}: ${(error as Error).message}\n`);
  await stop(1);
}

try {
  model = await LoadedModel.load(args);
  log(
    `model loaded (${model.gpu}, context ${model.contextSize}); serving "${args.alias}" on http://${args.host}:${args.port}`,
  );
} catch (error) {
  process.stderr.write(`cannot load ${args.model}: ${(error as Error).message}\n`);
  await stop(1);
}
