import type { EngineHandle } from '@switchyard/core';
import type { DeviceBytes, MemoryNeed } from './memory/device-memory.js';
import type { ServedModel } from './served-model.js';

/** What selecting and planning a served model found: nothing has started. */
export interface PreparedEngine {
  /** The engine chosen, e.g. `llamacpp`. */
  readonly engine: string;
  readonly need: MemoryNeed;
}

export interface LaunchRequest {
  /** The key the engine must require; each engine gets its own. */
  readonly apiKey: string;
  /** Aborting stops the engine, loading or serving. */
  readonly signal: AbortSignal;
  readonly readyTimeoutMs: number;
}

/**
 * How the server starts engines. `switchyardLauncher` does it as `switchyard launch` would; a test
 * or an embedder may start them another way.
 */
export interface EngineLauncher {
  /** Selects and plans the model's engine as launch would, and says what memory it needs. */
  prepare(model: ServedModel): Promise<PreparedEngine>;
  /** Starts the engine on loopback and resolves once it is ready. */
  launch(model: ServedModel, request: LaunchRequest): Promise<EngineHandle>;
  /** What each device has for engines, for admission. */
  capacity(): Promise<DeviceBytes>;
}
