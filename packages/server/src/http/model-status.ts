import type { ModelSlot } from '../pool/model-slot.js';

/** A model as GET /switchyard/status shows it. */
export function modelStatus(slot: ModelSlot) {
  const { handle, prepared, failure } = slot;
  return {
    name: slot.name,
    state: slot.state,
    engine: prepared?.engine ?? null,
    pid: handle?.pid ?? null,
    port: handle?.port ?? null,
    memory: prepared ? { bytes: prepared.need.bytes, source: prepared.need.source } : null,
    inFlight: slot.inFlight,
    lastUsed: slot.lastUsed === 0 ? null : new Date(slot.lastUsed).toISOString(),
    idleTimeoutSeconds: slot.idleTimeoutSeconds,
    lastExit: slot.lastExit ?? null,
    failure: failure
      ? { message: failure.message, attempts: failure.attempts, retryAt: new Date(failure.retryAt).toISOString() }
      : null,
  };
}
