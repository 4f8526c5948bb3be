import { SwitchyardError } from '../errors/switchyard-error.js';
import type { EngineExit, EngineLogLine } from './engine-handle.js';
import type { LaunchPlan } from './launch-plan.js';

/** How many of the engine's last log lines a failure message quotes. */
const QUOTED_LOG_LINES = 20;

function quoteLogs(lines: readonly EngineLogLine[]): string {
  const tail = lines.slice(-QUOTED_LOG_LINES);
  if (tail.length === 0) return ' It printed nothing.';
  return ` Its last log lines:\n${tail.map((entry) => `  | ${entry.line}`).join('\n')}`;
}

function describeExit(exit: EngineExit): string {
  if (exit.signal) return `on signal ${exit.signal}`;
  return exit.code === null ? 'for an unknown reason' : `with code ${exit.code}`;
}

function seconds(ms: number): string {
  return `${Number((ms / 1000).toFixed(ms < 10_000 ? 1 : 0))} s`;
}

export class EngineExitedBeforeReadyError extends SwitchyardError {
  readonly exit: EngineExit;
  readonly lastLogs: readonly EngineLogLine[];

  constructor(plan: LaunchPlan, exit: EngineExit, lastLogs: readonly EngineLogLine[]) {
    super(
      'ENGINE_EXITED_BEFORE_READY',
      `${plan.backend} exited ${describeExit(exit)} before it was ready.${quoteLogs(lastLogs)}`,
      {
        hint: 'Fix what the engine says above; `switchyard plan` with the same arguments prints the command to run it by hand.',
      },
    );
    this.exit = exit;
    this.lastLogs = lastLogs;
  }
}

export class EngineReadyTimeoutError extends SwitchyardError {
  readonly waitedMs: number;
  readonly lastLogs: readonly EngineLogLine[];

  constructor(plan: LaunchPlan, waitedMs: number, lastLogs: readonly EngineLogLine[]) {
    const { method, path, expectStatus } = plan.readiness;
    super(
      'ENGINE_READY_TIMEOUT',
      `${plan.backend} was not ready after ${seconds(waitedMs)} (${method} ${path} never answered ${expectStatus}), so it was stopped.${quoteLogs(lastLogs)}`,
      {
        hint: 'Large models can take many minutes to load: raise --ready-timeout (readyTimeoutMs), or see in the log where the engine got stuck.',
      },
    );
    this.waitedMs = waitedMs;
    this.lastLogs = lastLogs;
  }
}

export class PortInUseError extends SwitchyardError {
  readonly port: number;

  constructor(plan: Pick<LaunchPlan, 'backend' | 'host' | 'port'>) {
    super(
      'PORT_IN_USE',
      `Port ${plan.port} on ${plan.host} is already in use, so ${plan.backend} cannot listen on it.`,
      {
        hint: `Stop whatever listens on port ${plan.port}, or pass another --port; without --port Switchyard picks a free one.`,
      },
    );
    this.port = plan.port;
  }
}

export class EngineCommandNotFoundError extends SwitchyardError {
  readonly command: string;

  constructor(plan: LaunchPlan) {
    super('ENGINE_COMMAND_NOT_FOUND', `Cannot start ${plan.backend}: the command "${plan.command}" was not found.`, {
      hint: `Install it (${plan.installHint}) and make sure "${plan.command}" is on PATH.`,
    });
    this.command = plan.command;
  }
}

/** The command exists but could not be run, e.g. it is not executable. */
export class EngineStartError extends SwitchyardError {
  constructor(plan: LaunchPlan, reason: string) {
    super('ENGINE_START_FAILED', `Cannot start ${plan.backend}: running "${plan.command}" failed: ${reason}`, {
      hint: `Check that "${plan.command}" is an executable you may run, or reinstall it (${plan.installHint}).`,
    });
  }
}
