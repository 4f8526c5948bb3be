import { type EngineExit, type EngineHandle, type LaunchPlan, maskSecrets } from '@switchyard/core';
import type { CliIo } from '../io.js';
import { describeStopReason, type StopReason } from '../stop-requests.js';
import { shellQuote } from './shell-quote.js';

/**
 * What `launch` tells its caller through its life: a person reads lines on stdout and stderr; a
 * program (`--json`) reads one JSON object per line on stdout (`ready`, then `stopped`), and the
 * engine's log on stderr either way.
 */
export interface LaunchReport {
  starting(plan: LaunchPlan): void;
  ready(handle: EngineHandle): void;
  /** A stop was asked for; `plan` is undefined when no engine had started yet. */
  stopping(reason: StopReason, plan: LaunchPlan | undefined, graceSeconds: number): void;
  /** A second request: the engine is killed at once. */
  killing(): void;
  stopped(outcome: LaunchOutcome): void;
}

export interface LaunchOutcome {
  readonly backend?: string;
  /** Why it ended: a stop request, or the engine exiting by itself. */
  readonly reason: StopReason | { readonly kind: 'engine-exited' };
  readonly engineExit?: EngineExit;
  readonly exitCode: number;
}

export function launchReport(io: CliIo, json: boolean): LaunchReport {
  return json ? jsonReport(io) : humanReport(io);
}

function humanReport(io: CliIo): LaunchReport {
  return {
    starting: (plan) => {
      const masked = maskSecrets(plan);
      const env = Object.entries(masked.env).map(([name, value]) => `${name}=${shellQuote(value)}`);
      const commandLine = [...env, ...[masked.command, ...masked.args].map(shellQuote)].join(' ');
      io.stdout(`Engine:   ${plan.backend} (runtime ${plan.runtime})\nCommand:  ${commandLine}\n`);
    },
    ready: (handle) =>
      io.stdout(
        [
          `Serving:  ${handle.baseUrl} (OpenAI-compatible), model "${handle.plan.servedModelName}", pid ${handle.pid}`,
          'Press Ctrl-C to stop. Engine log follows.',
          '',
        ].join('\n'),
      ),
    stopping: (reason, plan, graceSeconds) => {
      const what = describeStopReason(reason);
      io.stderr(
        plan === undefined
          ? `\n${what}: stopping before any engine started.\n`
          : `\n${what}: stopping ${plan.backend}: sent ${plan.stopSignal} to its processes, SIGKILL in ${graceSeconds} s if any is left.${reason.kind === 'signal' ? ' Press Ctrl-C again to kill them now.' : ''}\n`,
      );
    },
    killing: () => io.stderr('Killing it now (SIGKILL)…\n'),
    stopped: ({ backend, reason, engineExit, exitCode }) => {
      if (reason.kind === 'engine-exited') {
        const how = engineExit?.signal ? `on signal ${engineExit.signal}` : `with code ${engineExit?.code}`;
        io.stderr(`error: ${backend} exited ${how} while serving.\n`);
        return;
      }
      if (reason.kind === 'output-closed') return;
      io.stderr(
        `${backend ? `Stopped ${backend}` : 'Stopped'} after ${describeStopReason(reason)}; exit ${exitCode}.\n`,
      );
    },
  };
}

function jsonReport(io: CliIo): LaunchReport {
  const event = (body: Record<string, unknown>) => io.stdout(`${JSON.stringify(body)}\n`);
  return {
    starting: () => {},
    ready: (handle) =>
      event({
        event: 'ready',
        url: handle.url,
        baseUrl: handle.baseUrl,
        servedModelName: handle.plan.servedModelName,
        pid: handle.pid,
        backend: handle.backend,
      }),
    stopping: () => {},
    killing: () => {},
    stopped: ({ backend, reason, engineExit, exitCode }) =>
      event({
        event: 'stopped',
        ...(backend === undefined ? {} : { backend }),
        reason: reasonName(reason),
        ...(engineExit === undefined ? {} : { engineExit }),
        exitCode,
      }),
  };
}

function reasonName(reason: LaunchOutcome['reason']): string {
  return reason.kind === 'signal' ? reason.signal : reason.kind;
}
