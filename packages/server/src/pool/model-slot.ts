import type { EngineExit, EngineHandle } from '@switchyard/core';
import type { PreparedEngine } from '../launcher.js';
import type { ServedModel } from '../served-model.js';

export type ModelState = 'stopped' | 'starting' | 'ready' | 'stopping' | 'failed';

/** Why the last start failed, and when the next may be tried. */
export interface StartFailure {
  readonly message: string;
  readonly attempts: number;
  /** Milliseconds since the epoch. */
  readonly retryAt: number;
}

/** One served model and its engine, as the pool tracks it. Only the pool changes it. */
export class ModelSlot {
  state: ModelState = 'stopped';
  handle: EngineHandle | undefined;
  prepared: PreparedEngine | undefined;
  /** Admitted by memory admission: it counts as holding its memory until it has stopped. */
  admitted = false;
  inFlight = 0;
  lastUsed = 0;
  /** The start in progress, which every request that finds the model stopped shares. */
  starting: Promise<void> | undefined;
  stopping: Promise<void> | undefined;
  failure: StartFailure | undefined;
  /** How the engine last exited on its own, while serving. */
  lastExit: EngineExit | undefined;
  idleTimer: NodeJS.Timeout | undefined;

  constructor(
    readonly model: ServedModel,
    /** Seconds without requests before it stops; 0 keeps it. */
    readonly idleTimeoutSeconds: number,
  ) {}

  get name(): string {
    return this.model.name;
  }

  clearIdleTimer(): void {
    clearTimeout(this.idleTimer);
    this.idleTimer = undefined;
  }
}
