import type { ModelServer } from '@switchyard/server';
import { Command } from 'commander';
import type { CommandContext } from '../command-context.js';
import { ExitCode } from '../exit-codes.js';
import { bindAddress, seconds, text, wholeNumber } from '../flag-values.js';
import { API_KEY_ENV, readApiKey } from '../inputs/api-key.js';
import { assertBindHere, exposureWarning } from '../inputs/bind-flag.js';
import { composeSwitchyard } from '../inputs/compose-switchyard.js';
import { type HostFlags, refuseHostFile } from '../inputs/host-input.js';
import { addModelFile } from '../inputs/model-file.js';
import type { PluginFlags } from '../inputs/plugins.js';
import { type ServedModelFlags, servedModels } from '../inputs/served-models.js';
import type { CliIo } from '../io.js';
import { addTargetOptions, modelFileOption } from '../options.js';
import { describeStopReason, type StopReason } from '../stop-requests.js';

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

/** Seconds, 0 allowed (0 turns the timeout off). */
function secondsOrZero(max: number): (value: string) => number {
  const positive = seconds(max);
  return (value) => (/^0+(\.0+)?$/.test(value.trim()) ? 0 : positive(value));
}

const DAY = 86_400;

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
    .option('--runtime <name>', 'pin one engine runtime for the MODELs given here, e.g. node-llama-cpp', text)
    .option('--context-length <n>', 'context length for the MODELs given here', wholeNumber(1, 100_000_000, ' tokens'))
    .option('--bind <addr>', 'address to listen on; loopback unless you ask otherwise', bindAddress, '127.0.0.1')
    .option('--port <n>', 'port to listen on (0: any free port, shown in the ready line)', wholeNumber(0, 65535), 8080)
    .option(
      '--idle-timeout <seconds>',
      'stop an engine after this long without requests (0 keeps it)',
      secondsOrZero(DAY),
      300,
    )
    .option(
      '--max-loaded <n>',
      'the most engines running at once (default: as many as memory allows)',
      wholeNumber(1, 1024),
    )
    .option('--queue-limit <n>', 'requests that may wait for a model to start before 429', wholeNumber(1, 100_000), 64)
    .option('--ready-timeout <seconds>', 'how long an engine may take to load', seconds(DAY), 600)
    .option('--request-timeout <seconds>', 'cut a request whose engine stays silent this long (504)', seconds(DAY), 600)
    .option(
      '--grace <seconds>',
      'on Ctrl-C or SIGTERM, how long in-flight requests may finish',
      secondsOrZero(3600),
      10,
    )
    .option(
      '--api-key-file <file>',
      `require the key in this file as a Bearer token on every route (or set $${API_KEY_ENV})`,
      text,
    )
    .option('--json', 'print one JSON line {"event":"ready","url","baseUrl","models":[...]} when listening')
    .action(async (args: string[], flags: ServeFlags) => {
      refuseHostFile(flags, 'serve');
      const key = await readApiKey(
        { ...(flags.apiKeyFile === undefined ? {} : { apiKeyFile: flags.apiKeyFile }) },
        io.env,
        io.cwd,
      );
      const apiKey = key?.value;
      for (const warning of key?.warnings ?? []) io.stderr(`warning: ${warning}\n`);
      await assertBindHere(flags.bind);
      const { switchyard, config } = await composeSwitchyard(flags, io.cwd);
      const models = servedModels(args, flags, extraArgs, config, io.cwd);
      if (flags.modelFile !== undefined) await addModelFile(await switchyard.catalog(), flags, io.cwd);
      const log = (line: string) => io.stderr(`${line}\n`);
      // Loaded here: the HTTP stack is for this command only, and other commands start faster without it.
      const { createModelServer, switchyardLauncher } = await import('@switchyard/server');
      const server = createModelServer({
        models,
        launcher: switchyardLauncher(switchyard, {
          cwd: io.cwd,
          ...(flags.python === undefined ? {} : { detect: { python: flags.python } }),
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
      const exposed = exposureWarning(flags.bind, apiKey !== undefined);
      if (exposed !== undefined) io.stderr(`warning: ${exposed}\n`);
      setExitCode(await serveUntilStopped(server, flags, io));
    });
}

/**
 * Serves until asked to stop (a signal, the parent gone, the output closed), then drains and stops
 * every engine. A server asked to stop has done its job: it exits 0.
 */
async function serveUntilStopped(server: ModelServer, flags: ServeFlags, io: CliIo): Promise<ExitCode> {
  let stopRequested: (reason: StopReason) => void = () => {};
  const stopped = new Promise<StopReason>((resolve) => {
    stopRequested = resolve;
  });
  let requests = 0;
  const unsubscribe =
    io.onStopRequest?.((reason) => {
      requests++;
      // A second Ctrl-C cuts the requests still running.
      if (requests > 1) server.app.server.closeAllConnections();
      stopRequested(reason);
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
    const reason = await stopped;
    io.stderr(
      `${describeStopReason(reason)}: finishing requests in flight (up to ${flags.grace} s), then stopping every engine…\n`,
    );
  } finally {
    await server.close({ graceMs: flags.grace * 1000 });
    unsubscribe();
  }
  return ExitCode.ok;
}
