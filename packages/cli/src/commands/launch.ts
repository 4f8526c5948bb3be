import { type EngineHandle, type LaunchPlan, maskSecrets } from '@switchyard/core';
import { Command, InvalidArgumentError } from 'commander';
import type { CommandContext } from '../command-context.js';
import { ExitCode } from '../exit-codes.js';
import { type LaunchFlags, launchOptionsFromFlags } from '../inputs/launch-flags.js';
import { assertFits } from '../inputs/memory-refusal.js';
import { resolveTarget, type TargetFlags } from '../inputs/target.js';
import type { CliIo } from '../io.js';
import { addLaunchOptions, addModelOptions, addTargetOptions } from '../options.js';
import { type LoadingProgress, loadingProgress } from '../output/loading-progress.js';
import { shellQuote } from '../output/shell-quote.js';

interface LaunchCommandFlags extends TargetFlags, LaunchFlags {
  readonly readyTimeout: number;
  readonly json?: boolean;
}

const DEFAULT_READY_TIMEOUT_SECONDS = 600;

function positiveSeconds(value: string): number {
  const seconds = Number(value);
  if (!/^\d+(\.\d+)?$/.test(value.trim()) || seconds <= 0) {
    throw new InvalidArgumentError(`expected a number of seconds above 0, e.g. 900; got "${value}".`);
  }
  return seconds;
}

export function launchCommand({ io, extraArgs, setExitCode }: CommandContext): Command {
  const command = new Command('launch')
    .description('start the chosen engine, wait until it is ready, then stream its logs until Ctrl-C')
    .argument('[model]', 'model name (builtin or custom), a model folder, or a path to a .gguf file')
    .usage('[options] [model] [-- engine arguments...]');
  addModelOptions(command);
  addTargetOptions(command);
  addLaunchOptions(command);
  return command
    .option(
      '--ready-timeout <seconds>',
      'how long the engine may take to load before it is stopped',
      positiveSeconds,
      DEFAULT_READY_TIMEOUT_SECONDS,
    )
    .option('--json', 'print one JSON line {"event":"ready",...} when ready instead of the human output')
    .action(async (model: string | undefined, flags: LaunchCommandFlags) => {
      // Bad launch flags are input errors: report them before probing the host.
      const launchOptions = launchOptionsFromFlags(flags, extraArgs);
      const { switchyard, model: resolved, host } = await resolveTarget(model, flags, io);
      assertFits(resolved);
      const human = !flags.json;
      const stop = new AbortController();
      // The first Ctrl-C stops the engine gracefully; a second one (the supervisor's orphan guard
      // hears it too) kills it at once.
      const stopSignal = (signal: NodeJS.Signals) => {
        if (human) io.stderr(stop.signal.aborted ? 'Stopping now (SIGKILL)…\n' : `\nStopping (${signal})…\n`);
        stop.abort(signal);
      };
      const unsubscribe = io.onStopSignal?.(stopSignal) ?? (() => {});
      let progress: LoadingProgress | undefined;
      try {
        const handle = await switchyard.launch(resolved.spec, {
          host,
          ...(flags.engine === undefined ? {} : { engine: flags.engine }),
          ...launchOptions,
          supervise: {
            readyTimeoutMs: flags.readyTimeout * 1000,
            signal: stop.signal,
            onStart: (plan) => {
              if (human) io.stdout(describeStart(plan));
              progress = loadingProgress(io, plan.backend, human && io.interactive);
            },
            onLog: (line) => progress?.log(line),
          },
        });
        progress?.finish('ready', `${handle.backend} is ready`);
        io.stdout(human ? describeReady(handle) : `${JSON.stringify(readyEvent(handle))}\n`);
        setExitCode(await serveUntilStopped(handle, stop.signal, io, human));
      } catch (error) {
        progress?.finish('failed', stop.signal.aborted ? 'Stopped before it was ready' : 'Launch failed');
        if (!stop.signal.aborted) throw error;
        setExitCode(ExitCode.ok);
      } finally {
        unsubscribe();
      }
    });
}

/** Streams the engine's log to stderr until it exits; a requested stop is a success, a crash is not. */
async function serveUntilStopped(handle: EngineHandle, stop: AbortSignal, io: CliIo, human: boolean) {
  for await (const entry of handle.logs) io.stderr(`${entry.line}\n`);
  const exit = await handle.exited;
  if (stop.aborted) {
    if (human) io.stderr(`Stopped ${handle.backend}.\n`);
    return ExitCode.ok;
  }
  const how = exit.signal ? `on signal ${exit.signal}` : `with code ${exit.code}`;
  io.stderr(`error: ${handle.backend} exited ${how} while serving.\n`);
  return ExitCode.failure;
}

function describeStart(plan: LaunchPlan): string {
  const masked = maskSecrets(plan);
  const env = Object.entries(masked.env).map(([name, value]) => `${name}=${shellQuote(value)}`);
  const commandLine = [...env, ...[masked.command, ...masked.args].map(shellQuote)].join(' ');
  return `Engine:   ${plan.backend} (runtime ${plan.runtime})\nCommand:  ${commandLine}\n`;
}

function describeReady(handle: EngineHandle): string {
  return [
    `Serving:  ${handle.baseUrl} (OpenAI-compatible), model "${handle.plan.servedModelName}", pid ${handle.pid}`,
    'Press Ctrl-C to stop. Engine log follows.',
    '',
  ].join('\n');
}

function readyEvent(handle: EngineHandle) {
  return { event: 'ready', url: handle.url, baseUrl: handle.baseUrl, pid: handle.pid, backend: handle.backend };
}
