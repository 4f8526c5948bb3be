import { randomBytes } from 'node:crypto';
import type { EngineExit, EngineHandle } from '@switchyard/core';
import { messageOf, modelNotFound, shuttingDown } from '@switchyard/openai-http';
import type { EngineLauncher } from '../launcher.js';
import { admit } from '../memory/admission.js';
import type { DeviceBytes } from '../memory/device-memory.js';
import type { ServerMetrics } from '../metrics.js';
import { doesNotFit, modelBusy, queueFull, startFailed } from '../serve-errors.js';
import type { ServedModel } from '../served-model.js';
import { ModelSlot, type ModelSlot as Slot } from './model-slot.js';

export interface PoolOptions {
  /** Seconds without requests before an engine stops (a model's own idleTimeout wins); 0 keeps engines. */
  readonly idleTimeoutSeconds: number;
  readonly maxLoaded?: number;
  /** Requests that may wait for models to start or fit; more get 429. */
  readonly queueLimit: number;
  /** How long a request waits for room before it gets 503. */
  readonly queueTimeoutMs: number;
  readonly readyTimeoutMs: number;
  readonly log: (line: string) => void;
}

/** A request's hold on a ready engine: the engine is not evicted or idled until it is released. */
export interface Lease {
  readonly name: string;
  readonly handle: EngineHandle;
  /** The engine's own key, sent as its Bearer token. */
  readonly apiKey: string;
  release(): void;
}

/** Backoff after failed starts: 2 s, 4 s, 8 s, … up to a minute. */
const backoffSeconds = (attempts: number) => Math.min(60, 2 ** attempts);
const RETRY_AFTER_QUEUE_FULL_SECONDS = 2;

/**
 * The served models and their engines: starts an engine on the first request for it (concurrent
 * requests share one start), admits it only where its memory fits beside the others (evicting idle
 * engines, least recently used first, never a busy one), stops engines left idle, backs off after
 * failed starts, and notices engines that exit on their own.
 */
export class ModelPool {
  private readonly slots: ReadonlyMap<string, Slot>;
  private readonly keys = new Map<Slot, string>();
  private readonly closing = new AbortController();
  private capacity: Promise<DeviceBytes> | undefined;
  private waiting = 0;
  /** Woken whenever room may have been freed: a release, a stop, a failure. */
  private wakers: (() => void)[] = [];

  constructor(
    models: readonly ServedModel[],
    private readonly launcher: EngineLauncher,
    private readonly options: PoolOptions,
    private readonly metrics: ServerMetrics,
  ) {
    this.slots = new Map(
      models.map((model) => [model.name, new ModelSlot(model, model.idleTimeout ?? options.idleTimeoutSeconds)]),
    );
  }

  names(): string[] {
    return [...this.slots.keys()];
  }

  slot(name: string): Slot {
    const slot = this.slots.get(name);
    if (slot === undefined) throw modelNotFound(name, this.names());
    return slot;
  }

  list(): readonly Slot[] {
    return [...this.slots.values()];
  }

  /** Selects and plans every model now, so that a model no engine can run fails at start-up. */
  async prepareAll(): Promise<void> {
    for (const slot of this.slots.values()) await this.prepare(slot);
  }

  /** Waits until the model's engine is ready (starting it if need be) and holds it for one request. */
  async acquire(name: string, signal: AbortSignal): Promise<Lease> {
    const slot = this.slot(name);
    for (;;) {
      if (this.closing.signal.aborted) throw shuttingDown();
      if (slot.state === 'ready' && slot.handle !== undefined) return this.lease(slot, slot.handle);
      this.refuseDuringBackoff(slot);
      if (this.waiting >= this.options.queueLimit) {
        this.metrics.rejected.inc({ model: name, reason: 'queue_full' });
        throw queueFull(name, this.options.queueLimit, RETRY_AFTER_QUEUE_FULL_SECONDS);
      }
      this.waiting++;
      try {
        await abortable(this.ensureStarted(slot), signal);
      } finally {
        this.waiting--;
      }
    }
  }

  /** Starts the model's engine if it is not running, and waits until it is ready. */
  async load(name: string): Promise<void> {
    const slot = this.slot(name);
    while (slot.state !== 'ready') {
      this.refuseDuringBackoff(slot);
      await this.ensureStarted(slot);
    }
  }

  /** Stops the model's engine; refused while requests are in flight. */
  async unload(name: string): Promise<void> {
    const slot = this.slot(name);
    if (slot.inFlight > 0) throw modelBusy(name, slot.inFlight);
    if (slot.state === 'starting') await slot.starting?.catch(() => {});
    await this.stop(slot);
    if (slot.state === 'failed') slot.state = 'stopped';
    slot.failure = undefined;
  }

  /** Stops every engine, those still starting too; nothing the pool started outlives this. */
  async close(): Promise<void> {
    this.closing.abort();
    this.wake();
    await Promise.all(
      this.list().map(async (slot) => {
        await slot.starting?.catch(() => {});
        await this.stop(slot);
      }),
    );
  }

  private lease(slot: Slot, handle: EngineHandle): Lease {
    slot.inFlight++;
    slot.clearIdleTimer();
    slot.lastUsed = Date.now();
    this.metrics.inFlight.inc({ model: slot.name });
    let released = false;
    return {
      name: slot.name,
      handle,
      apiKey: this.keys.get(slot) ?? '',
      release: () => {
        if (released) return;
        released = true;
        slot.inFlight--;
        slot.lastUsed = Date.now();
        this.metrics.inFlight.dec({ model: slot.name });
        if (slot.inFlight === 0) {
          this.scheduleIdleStop(slot);
          this.wake();
        }
      },
    };
  }

  private refuseDuringBackoff(slot: Slot): void {
    if (slot.state !== 'failed' || slot.failure === undefined) return;
    const waitMs = slot.failure.retryAt - Date.now();
    if (waitMs <= 0) return;
    this.metrics.rejected.inc({ model: slot.name, reason: 'start_failed' });
    throw startFailed(slot.name, slot.failure.message, Math.ceil(waitMs / 1000));
  }

  private async ensureStarted(slot: Slot): Promise<void> {
    if (slot.state === 'stopping') await slot.stopping;
    if (slot.state === 'stopped' || slot.state === 'failed') slot.starting = this.start(slot);
    await slot.starting;
  }

  private async prepare(slot: Slot) {
    slot.prepared ??= await this.launcher.prepare(slot.model);
    return slot.prepared;
  }

  /** One start of the model's engine: prepare, admit (evicting), launch, watch. */
  private async start(slot: Slot): Promise<void> {
    const restart = slot.lastExit !== undefined;
    slot.state = 'starting';
    slot.lastExit = undefined;
    try {
      const prepared = await this.prepare(slot).catch((error: unknown) => this.failed(slot, error));
      await this.admit(slot, prepared.need.bytes).catch((error: unknown) => {
        // Refused room, nothing was started: there is nothing to back off from.
        slot.state = 'stopped';
        throw error;
      });
      const startedAt = performance.now();
      const apiKey = randomBytes(24).toString('base64url');
      this.metrics.coldStarts.inc({ model: slot.name });
      if (restart) this.metrics.restarts.inc({ model: slot.name });
      this.options.log(`starting ${prepared.engine} for "${slot.name}"`);
      const handle = await this.launcher
        .launch(slot.model, { apiKey, signal: this.closing.signal, readyTimeoutMs: this.options.readyTimeoutMs })
        .catch((error: unknown) => this.failed(slot, error));
      this.keys.set(slot, apiKey);
      slot.handle = handle;
      slot.state = 'ready';
      slot.failure = undefined;
      slot.lastUsed = Date.now();
      this.metrics.startSeconds.observe({ model: slot.name }, (performance.now() - startedAt) / 1000);
      this.options.log(`"${slot.name}" is ready on ${handle.url} (${handle.backend}, pid ${handle.pid})`);
      void handle.exited.then((exit) => this.exitedOnItsOwn(slot, handle, exit));
      this.scheduleIdleStop(slot);
    } catch (error) {
      this.release(slot);
      throw error;
    } finally {
      this.wake();
    }
  }

  /** A failed start: 503 with what the engine said, and a backoff before the next try. */
  private failed(slot: Slot, error: unknown): never {
    if (this.closing.signal.aborted) {
      slot.state = 'stopped';
      throw shuttingDown();
    }
    this.recordFailure(slot, error);
    throw startFailed(slot.name, slot.failure?.message ?? '', backoffSeconds(slot.failure?.attempts ?? 1));
  }

  private recordFailure(slot: Slot, error: unknown): void {
    const attempts = (slot.failure?.attempts ?? 0) + 1;
    const hint = (error as { hint?: string }).hint;
    const message = `${messageOf(error)}${hint ? `\n${hint}` : ''}`;
    slot.failure = { message, attempts, retryAt: Date.now() + backoffSeconds(attempts) * 1000 };
    slot.state = 'failed';
    this.metrics.startFailures.inc({ model: slot.name });
    this.options.log(`"${slot.name}" failed to start (attempt ${attempts}): ${messageOf(error)}`);
  }

  /**
   * Waits until the engine fits beside those loaded, evicting idle ones least recently used first;
   * 503 with the numbers when it never can or when busy engines keep the room past the queue timeout.
   */
  private async admit(slot: Slot, need: DeviceBytes): Promise<void> {
    this.capacity ??= this.launcher.capacity();
    const capacity = await this.capacity;
    const deadline = Date.now() + this.options.queueTimeoutMs;
    for (;;) {
      if (this.closing.signal.aborted) throw shuttingDown();
      const loaded = this.list()
        .filter((other) => other !== slot && other.admitted)
        .map((other) => ({
          name: other.name,
          need: other.prepared?.need.bytes ?? {},
          busy: other.inFlight > 0,
          evictable: other.state === 'ready',
          lastUsed: other.lastUsed,
        }));
      const decision = admit(need, loaded, {
        capacity,
        ...(this.options.maxLoaded === undefined ? {} : { maxLoaded: this.options.maxLoaded }),
      });
      if (decision.kind === 'admit') {
        slot.admitted = true;
        this.metrics.loaded.set(this.list().filter((other) => other.admitted).length);
        const victims = decision.evict.map((name) => this.slot(name));
        for (const victim of victims) this.metrics.evictions.inc({ model: victim.name });
        for (const victim of victims) this.options.log(`evicting idle "${victim.name}" for "${slot.name}"`);
        await Promise.all(victims.map((victim) => this.stop(victim)));
        return;
      }
      if (decision.kind === 'never' || Date.now() >= deadline) {
        this.metrics.rejected.inc({ model: slot.name, reason: 'does_not_fit' });
        throw doesNotFit(slot.name, decision.reason);
      }
      await this.roomMayHaveFreed(deadline - Date.now());
    }
  }

  private roomMayHaveFreed(timeoutMs: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(resolve, timeoutMs);
      this.wakers.push(() => {
        clearTimeout(timer);
        resolve();
      });
    });
  }

  private wake(): void {
    const wakers = this.wakers;
    this.wakers = [];
    for (const wake of wakers) wake();
  }

  private scheduleIdleStop(slot: Slot): void {
    slot.clearIdleTimer();
    if (slot.idleTimeoutSeconds <= 0 || slot.inFlight > 0 || slot.state !== 'ready') return;
    slot.idleTimer = setTimeout(() => {
      if (slot.inFlight > 0 || slot.state !== 'ready') return;
      this.options.log(`stopping "${slot.name}": idle for ${slot.idleTimeoutSeconds} s`);
      void this.stop(slot);
    }, slot.idleTimeoutSeconds * 1000);
    slot.idleTimer.unref();
  }

  /** Stops the slot's engine if it has one; settles once it has exited. */
  private stop(slot: Slot): Promise<void> {
    if (slot.stopping) return slot.stopping;
    const handle = slot.handle;
    slot.clearIdleTimer();
    if (handle === undefined) {
      this.release(slot);
      return Promise.resolve();
    }
    slot.state = 'stopping';
    slot.stopping = handle
      .stop()
      .then(() => {})
      .finally(() => {
        slot.handle = undefined;
        slot.stopping = undefined;
        slot.state = 'stopped';
        this.release(slot);
        this.wake();
      });
    return slot.stopping;
  }

  /** The slot no longer holds memory. */
  private release(slot: Slot): void {
    slot.admitted = false;
    this.keys.delete(slot);
    this.metrics.loaded.set(this.list().filter((other) => other.admitted).length);
  }

  /** An engine that exits while serving: its requests fail (502), and the next request starts it again. */
  private exitedOnItsOwn(slot: Slot, handle: EngineHandle, exit: EngineExit): void {
    if (slot.handle !== handle || slot.state === 'stopping') return;
    const how = exit.signal ? `on signal ${exit.signal}` : `with code ${exit.code}`;
    this.options.log(`"${slot.name}" exited ${how} while serving; the next request starts it again`);
    slot.clearIdleTimer();
    slot.handle = undefined;
    slot.lastExit = exit;
    slot.state = 'stopped';
    this.release(slot);
    this.wake();
  }
}

/** The promise, or a rejection when the request's client goes away first (the start goes on for others). */
function abortable<T>(promise: Promise<T>, signal: AbortSignal): Promise<T> {
  if (signal.aborted) return Promise.reject(signal.reason);
  return new Promise((resolve, reject) => {
    const onAbort = () => reject(signal.reason);
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
  });
}
