import { assertSupervisedPlatform, DEFAULT_BIND_ADDRESS, type EngineHandle, type LaunchPlan } from '@switchyard/core';
import { Command } from 'commander';
import type { CommandContext } from '../command-context.js';
import { ExitCode } from '../exit-codes.js';
import { seconds } from '../flag-values.js';
import { assertBindHere, exposureWarning } from '../inputs/bind-flag.js';
import { refuseHostFile } from '../inputs/host-input.js';
import { inFlagTerms, type LaunchFlags, launchOptionsFromFlags } from '../inputs/launch-flags.js';
import { inSpecFileTerms, resolveTarget, type TargetFlags } from '../inputs/target.js';
import { addLaunchOptions, addModelOptions, addTargetOptions } from '../options.js';
import { launchReport } from '../output/launch-report.js';
import { type LoadingProgress, loadingProgress } from '../output/loading-progress.js';
import { refusedSelection, reportNoEngine } from '../output/no-engine.js';
import { pullDisplay } from '../output/pull-progress.js';
import { exitCodeFor, type StopReason } from '../stop-requests.js';

interface LaunchCommandFlags extends TargetFlags, LaunchFlags {
  readonly readyTimeout: number;
  readonly json?: boolean;
}

const DEFAULT_READY_TIMEOUT_SECONDS = 600;
/** Longer than any model takes to load; a larger value is a typo (1e9) rather than patience. */
const MAX_READY_TIMEOUT_SECONDS = 86_400;
/** How long a stopping engine has before SIGKILL; said when stopping, so it is set here. */
const STOP_GRACE_SECONDS = 10;

export function launchCommand({ io, extraArgs, setExitCode }: CommandContext): Command {
  const command = new Command('launch')
    .description('start the chosen engine on this machine, wait until it is ready, then stream its logs until Ctrl-C')
    .argument(
      '[model]',
      'model name (builtin or custom), a model folder, a path to a .gguf file, or a hub id (org/name[:QUANT])',
    )
    .usage('[options] [model] [-- engine arguments...]');
  addModelOptions(command);
  addTargetOptions(command);
  addLaunchOptions(command);
  return command
    .option(
      '--ready-timeout <seconds>',
      'how long the engine may take to load before it is stopped',
      seconds(MAX_READY_TIMEOUT_SECONDS),
      DEFAULT_READY_TIMEOUT_SECONDS,
    )
    .option(
      '--json',
      'print JSON lines on stdout: {"event":"ready",...} when ready, {"event":"stopped",...} at the end',
    )
    .action(async (model: string | undefined, flags: LaunchCommandFlags) => {
      // What cannot work here is refused before anything is probed or started.
      assertSupervisedPlatform(io.platform ?? process.platform);
      refuseHostFile(flags, 'launch');
      const launchOptions = await launchOptionsFromFlags(flags, extraArgs, io);
      const bind = launchOptions.bind ?? DEFAULT_BIND_ADDRESS;
      await assertBindHere(bind);
      const exposed = exposureWarning(bind, launchOptions.apiKey !== undefined);
      if (exposed) io.stderr(`warning: ${exposed}\n`);
      // The engine inherits the environment: offline, it must not reach for the hub either.
      if (flags.offline) io.env.HF_HUB_OFFLINE = '1';

      const report = launchReport(io, flags.json === true);
      const stop = new AbortController();
      let plan: LaunchPlan | undefined;
      let handle: EngineHandle | undefined;
      let stopReason: StopReason | undefined;
      const unsubscribe =
        io.onStopRequest?.((reason) => {
          if (stopReason !== undefined) {
            // A second request means now. (A second Ctrl-C while loading reaches the supervisor too.)
            if (reason.kind === 'signal') report.killing();
            void handle?.stop({ force: true });
            return;
          }
          stopReason = reason;
          if (reason.kind !== 'output-closed') report.stopping(reason, plan, STOP_GRACE_SECONDS);
          stop.abort(reason);
        }) ?? (() => {});
      let progress: LoadingProgress | undefined;
      const pulling = pullDisplay(io, !flags.json && io.interactive);
      try {
        const { switchyard, reference, request } = await resolveTarget(model, flags, io);
        // Asked to stop while the host was probed: nothing has started, and nothing will.
        stop.signal.throwIfAborted();
        handle = await inFlagTerms(() =>
          inSpecFileTerms(flags, () =>
            switchyard.launch(reference, {
              ...request,
              ...launchOptions,
              fetch: { signal: stop.signal, onProgress: pulling.update },
              supervise: {
                readyTimeoutMs: flags.readyTimeout * 1000,
                stopTimeoutMs: STOP_GRACE_SECONDS * 1000,
                signal: stop.signal,
                onStart: (started) => {
                  pulling.stop();
                  plan = started;
                  report.starting(started);
                  progress = loadingProgress(io, started.backend, !flags.json && io.interactive);
                },
                onLog: (line) => progress?.log(line),
              },
            }),
          ),
        ).catch((error: unknown) => {
          const refused = refusedSelection(error);
          if (refused === undefined) throw error;
          setExitCode(reportNoEngine(refused, io, flags.json === true));
          return undefined;
        });
        if (handle === undefined) return;
        progress?.finish('ready', `${handle.backend} is ready`);
        report.ready(handle);
        for await (const entry of handle.logs) io.stderr(`${entry.line}\n`);
        const engineExit = await handle.exited;
        const reason = stopReason ?? { kind: 'engine-exited' as const };
        const exitCode = stopReason === undefined ? ExitCode.failure : exitCodeFor(stopReason);
        report.stopped({ backend: handle.backend, reason, engineExit, exitCode });
        setExitCode(exitCode);
      } catch (error) {
        pulling.stop();
        progress?.finish('failed', stopReason ? 'Stopped before it was ready' : 'Launch failed');
        if (stopReason === undefined) throw error;
        const exitCode = exitCodeFor(stopReason);
        report.stopped({ ...(plan ? { backend: plan.backend } : {}), reason: stopReason, exitCode });
        setExitCode(exitCode);
      } finally {
        unsubscribe();
      }
    });
}
