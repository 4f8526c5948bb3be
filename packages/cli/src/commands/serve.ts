import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { InvalidInputError } from '@switchyard/core';
import type { ModelServer } from '@switchyard/server';
import { Command, InvalidArgumentError } from 'commander';
import type { CommandContext } from '../command-context.js';
import { ExitCode } from '../exit-codes.js';
import { composeSwitchyard } from '../inputs/compose-switchyard.js';
import type { HostFlags } from '../inputs/host-input.js';
import type { PluginFlags } from '../inputs/plugins.js';
import { type ServedModelFlags, servedModelResolver, servedModels } from '../inputs/served-models.js';
import type { CliIo } from '../io.js';
import { addTargetOptions, modelFileOption } from '../options.js';

interface ServeFlags extends ServedModelFlags, PluginFlags, HostFlags {
  readonly bind: string;
  readonly port: number;
  readonly idleTimeout: number;
  readonly maxLoaded?: number;
  readonly queueLimit: number;
  readonly readyTimeout: number;
  readonly requestTimeout: number;
  readonly grace: number;
  readonly apiKeyFile?: string;
  readonly modelFile?: string;
  readonly python?: string;
  readonly json?: boolean;
}

const LOOPBACK = /^(127\.\d+\.\d+\.\d+|::1|localhost)$/;

function seconds(zeroAllowed: boolean) {
  return (value: string): number => {
    const number = Number(value);
    if (!/^\d+(\.\d+)?$/.test(value.trim()) || (!zeroAllowed && number <= 0)) {
      throw new InvalidArgumentError(
        `expected a number of seconds${zeroAllowed ? '' : ' above 0'}, e.g. 300; got "${value}".`,
      );
    }
    return number;
  };
}

function count(value: string): number {
  if (!/^\d+$/.test(value.trim()) || Number(value) < 1) {
    throw new InvalidArgumentError(`expected a whole number of at least 1, got "${value}".`);
  }
  return Number(value);
}

function port(value: string): number {
  if (!/^\d+$/.test(value.trim()) || Number(value) > 65535) {
    throw new InvalidArgumentError(`expected a port from 0 to 65535, got "${value}".`);
  }
  return Number(value);
}

export function serveCommand({ io, extraArgs, setExitCode }: CommandContext): Command {
  const command = new Command('serve')
    .description('serve many models behind one OpenAI-compatible endpoint, each on its best engine, started on demand')
    .argument(
      '[models...]',
      'models to serve, each [NAME=]MODEL (a .gguf path, a catalog name); more in serve.models of switchyard.config.json',
    )
    .usage('[options] [NAME=]MODEL... [-- engine arguments...]');
  addTargetOptions(command);
  return command
    .addOption(modelFileOption())
    .option('--runtime <name>', 'pin one engine runtime for the MODELs given here, e.g. node-llama-cpp')
    .option('--context-length <n>', 'context length for the MODELs given here', count)
    .option('--bind <addr>', 'address to listen on; loopback unless you ask otherwise', '127.0.0.1')
    .option('--port <n>', 'port to listen on (0: any free port, shown in the ready line)', port, 8080)
    .option(
      '--idle-timeout <seconds>',
      'stop an engine after this long without requests (0 keeps it)',
      seconds(true),
      300,
    )
    .option('--max-loaded <n>', 'the most engines running at once (default: as many as memory allows)', count)
    .option('--queue-limit <n>', 'requests that may wait for a model to start before 429', count, 64)
    .option('--ready-timeout <seconds>', 'how long an engine may take to load', seconds(false), 600)
    .option(
      '--request-timeout <seconds>',
      'cut a request whose engine stays silent this long (504)',
      seconds(false),
      600,
    )
    .option('--grace <seconds>', 'on Ctrl-C or SIGTERM, how long in-flight requests may finish', seconds(true), 10)
    .option(
      '--api-key-file <file>',
      'require this key (the file’s first line) as a Bearer token; or set SWITCHYARD_API_KEY',
    )
    .option('--json', 'print one JSON line {"event":"ready","url","baseUrl","models":[...]} when listening')
    .action(async (args: string[], flags: ServeFlags) => {
      const apiKey = await readApiKey(flags, io);
      const { switchyard, config } = await composeSwitchyard(flags, io.cwd);
      const models = servedModels(args, flags, extraArgs, config);
      const host = await switchyard.host(flags.python ? { python: flags.python } : {});
      const log = (line: string) => io.stderr(`${line}\n`);
      // Loaded here: the HTTP stack is for this command only, and other commands start faster without it.
      const { createModelServer, switchyardLauncher } = await import('@switchyard/server');
      const server = createModelServer({
        models,
        launcher: switchyardLauncher(switchyard, {
          host,
          resolve: servedModelResolver(switchyard, host, flags, config, io.cwd),
        }),
        ...(apiKey === undefined ? {} : { apiKey }),
        idleTimeoutSeconds: flags.idleTimeout,
        ...(flags.maxLoaded === undefined ? {} : { maxLoaded: flags.maxLoaded }),
        queueLimit: flags.queueLimit,
        readyTimeoutMs: flags.readyTimeout * 1000,
        requestTimeoutMs: flags.requestTimeout * 1000,
        log,
      });
      // Every model is selected and planned before the server listens: a model no engine can run
      // fails here, not on its first request.
      await server.pool.prepareAll();
      if (!LOOPBACK.test(flags.bind) && apiKey === undefined) {
        log(
          `warning: listening on ${flags.bind} without an API key: anyone who can reach this port can use every model. Set SWITCHYARD_API_KEY or --api-key-file.`,
        );
      }
      setExitCode(await serveUntilStopped(server, flags, io));
    });
}

async function serveUntilStopped(server: ModelServer, flags: ServeFlags, io: CliIo): Promise<ExitCode> {
  let signalled: (signal: NodeJS.Signals) => void = () => {};
  const stopped = new Promise<NodeJS.Signals>((resolve) => {
    signalled = resolve;
  });
  let signals = 0;
  const unsubscribe =
    io.onStopSignal?.((signal) => {
      signals++;
      // A second Ctrl-C cuts the requests still running.
      if (signals > 1) server.app.server.closeAllConnections();
      signalled(signal);
    }) ?? (() => {});
  try {
    const { url, baseUrl } = await server.listen({ host: flags.bind, port: flags.port });
    const models = server.pool.list().map((slot) => ({ name: slot.name, engine: slot.prepared?.engine ?? null }));
    io.stdout(
      flags.json
        ? `${JSON.stringify({ event: 'ready', url, baseUrl, models })}\n`
        : `Serving ${models.length} model${models.length === 1 ? '' : 's'} on ${baseUrl} (OpenAI-compatible): ${models
            .map((model) => `${model.name} (${model.engine})`)
            .join(', ')}\nStatus: ${url}/switchyard/status  Metrics: ${url}/metrics  Press Ctrl-C to stop.\n`,
    );
    const signal = await stopped;
    io.stderr(`${signal}: finishing requests in flight (up to ${flags.grace} s), then stopping every engine…\n`);
  } finally {
    await server.close({ graceMs: flags.grace * 1000 });
    unsubscribe();
  }
  return ExitCode.ok;
}

/** The key from SWITCHYARD_API_KEY or --api-key-file (never from argv, where `ps` shows it). */
async function readApiKey(flags: ServeFlags, io: CliIo): Promise<string | undefined> {
  if (flags.apiKeyFile !== undefined) {
    const text = await readFile(resolve(io.cwd, flags.apiKeyFile), 'utf8').catch((error: NodeJS.ErrnoException) => {
      throw new InvalidInputError('--api-key-file', [
        { field: '--api-key-file', message: `cannot read ${flags.apiKeyFile}: ${error.code ?? error.message}` },
      ]);
    });
    const key = text.split(/\r?\n/)[0]?.trim() ?? '';
    if (key === '') {
      throw new InvalidInputError('--api-key-file', [
        { field: '--api-key-file', message: `${flags.apiKeyFile} is empty; write the key on its first line` },
      ]);
    }
    return key;
  }
  const fromEnv = io.env.SWITCHYARD_API_KEY?.trim();
  return fromEnv === undefined || fromEnv === '' ? undefined : fromEnv;
}
