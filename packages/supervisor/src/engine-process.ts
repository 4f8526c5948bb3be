import type { Readable, Writable } from 'node:stream';
import type { EngineExit, LaunchPlan, StopOptions } from '@switchyard/core';
import { EngineCommandNotFoundError, EngineStartError, killProcessGroup } from '@switchyard/core';
import { execa } from 'execa';
import { LogLines } from './log-lines.js';
import { readLines } from './read-lines.js';
import { REAPER_SCRIPT } from './reaper-script.js';

type ReaperMessage =
  | { readonly event: 'spawned'; readonly pid: number }
  | { readonly event: 'error'; readonly code: string | null; readonly message: string }
  | { readonly event: 'exit'; readonly code: number | null; readonly signal: string | null };

/** Output pipes still open after the group is gone belong to a process that left it; stop reading. */
const OUTPUT_DRAIN_MS = 2_000;

interface Deferred<T> {
  readonly promise: Promise<T>;
  resolve(value: T): void;
  reject(reason: unknown): void;
}

function deferred<T>(): Deferred<T> {
  let resolve: (value: T) => void = () => {};
  let reject: (reason: unknown) => void = () => {};
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

function withoutNodeOptions(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  // The reaper is plain Node: a loader or --inspect meant for the parent must not reach it.
  const { NODE_OPTIONS: _ignored, ...rest } = env;
  return rest;
}

/**
 * One engine's process group, started through the reaper (see reaper-script.ts). Its output is read
 * line by line from the moment it starts, whether anyone listens or not, so the engine never blocks
 * on a full pipe.
 */
export class EngineProcess {
  private stopRequested = false;
  private killRequested = false;

  private constructor(
    /** The reaper's stdin: requests go down it, and its closing is what stops the engine if we die. */
    private readonly lifeline: Writable,
    readonly pid: number,
    readonly logs: LogLines,
    /** Settles when the engine's main process has exited; the rest of its group may still be going. */
    readonly mainExit: Promise<EngineExit>,
    /** Settles when no process of the group is left and its output has been read. */
    readonly exited: Promise<EngineExit>,
  ) {}

  /** Starts the plan's command; rejects when it cannot be started (e.g. it does not exist). */
  static async start(plan: LaunchPlan, stopTimeoutMs: number): Promise<EngineProcess> {
    const reaper = execa(process.execPath, ['-e', REAPER_SCRIPT], {
      stdio: ['pipe', 'pipe', 'inherit', 'pipe', 'pipe'],
      env: withoutNodeOptions(process.env),
      extendEnv: false,
      buffer: false,
      reject: false,
      // Its own group, so a Ctrl-C meant for us does not reach it; it stops the engine when we go.
      detached: true,
      cleanup: false,
    });
    reaper.stdin.on('error', () => {});
    const logs = new LogLines();
    const [, , , engineStdout, engineStderr] = reaper.stdio;
    const outputRead = Promise.all([
      readLines(engineStdout, (line) => logs.push({ stream: 'stdout', line })),
      readLines(engineStderr, (line) => logs.push({ stream: 'stderr', line })),
    ]);

    const spawned = deferred<number>();
    const mainExit = deferred<EngineExit>();
    const controlRead = readLines(reaper.stdout, (line) => {
      const message = parseMessage(line);
      if (message === undefined) return;
      if (message.event === 'spawned') spawned.resolve(message.pid);
      else if (message.event === 'exit') mainExit.resolve({ code: message.code, signal: message.signal });
      else
        spawned.reject(
          message.code === 'ENOENT'
            ? new EngineCommandNotFoundError(plan)
            : new EngineStartError(plan, message.message),
        );
    });
    // Its last messages may still be in the pipe when it has exited. Its exit, not execa's result,
    // says it is done: execa also waits for the engine's output pipes, which a process that escaped
    // the group can hold open for ever.
    const reaperExit = new Promise<number | null>((resolve) => reaper.once('exit', resolve));
    const reaperDone = Promise.all([reaperExit, controlRead]).then(([exitCode]) => {
      spawned.reject(new EngineStartError(plan, 'the process that starts it ended unexpectedly'));
      mainExit.resolve({ code: null, signal: null });
      return exitCode === 0;
    });

    reaper.stdin.write(
      `${JSON.stringify({
        command: plan.command,
        args: plan.args,
        // Python engines buffer their logs in a pipe unless told not to.
        env: { PYTHONUNBUFFERED: '1', ...process.env, ...plan.env },
        stopSignal: plan.stopSignal,
        graceMs: stopTimeoutMs,
        links: plan.workdirLinks,
      })}\n`,
    );

    let pid: number;
    try {
      pid = await spawned.promise;
    } catch (error) {
      await Promise.all([reaperDone, outputRead]);
      throw error;
    }
    const exited = (async () => {
      const [exit, reaperCleanedUp] = await Promise.all([mainExit.promise, reaperDone]);
      // The reaper failed at its one job: do it here, bluntly.
      if (!reaperCleanedUp) killProcessGroup(pid);
      await drain(outputRead, [engineStdout, engineStderr]);
      logs.end();
      return exit;
    })();
    return new EngineProcess(reaper.stdin, pid, logs, mainExit.promise, exited);
  }

  /** Sends the stop signal to the whole group, SIGKILL after the grace period (or now, with `force`); safe to repeat. */
  stop({ force = false }: StopOptions = {}): Promise<EngineExit> {
    if (!this.stopRequested && this.lifeline.writable) this.lifeline.write('stop\n');
    this.stopRequested = true;
    if (force && !this.killRequested && this.lifeline.writable) this.lifeline.write('kill\n');
    this.killRequested ||= force;
    return this.exited;
  }
}

function parseMessage(line: string): ReaperMessage | undefined {
  try {
    return JSON.parse(line) as ReaperMessage;
  } catch {
    return undefined;
  }
}

async function drain(read: Promise<unknown>, streams: readonly Readable[]): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<void>((resolve) => {
    timer = setTimeout(resolve, OUTPUT_DRAIN_MS);
  });
  await Promise.race([read, late]);
  clearTimeout(timer);
  for (const stream of streams) stream.destroy();
}
