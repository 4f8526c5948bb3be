import { type DeviceBytes, deviceName, gib } from './device-memory.js';

/** An engine that holds memory now: starting, ready or stopping. */
export interface LoadedEngine {
  readonly name: string;
  readonly need: DeviceBytes;
  /** Requests in flight: a busy engine is never evicted. */
  readonly busy: boolean;
  /** Stopping already, or starting: it holds its memory but cannot be evicted now. */
  readonly evictable: boolean;
  /** Milliseconds since the epoch of its last request, for least-recently-used eviction. */
  readonly lastUsed: number;
}

export interface AdmissionLimits {
  /** Bytes each device has for engines; a device not named here is not checked. */
  readonly capacity: DeviceBytes;
  /** The most engines loaded at once; unlimited when absent. */
  readonly maxLoaded?: number;
}

export type Admission =
  /** Start now, after stopping these idle engines (least recently used first). */
  | { readonly kind: 'admit'; readonly evict: readonly string[] }
  /** Busy engines hold the room: it may fit once they are idle. */
  | { readonly kind: 'wait'; readonly reason: string }
  /** It cannot fit even with every other engine stopped. */
  | { readonly kind: 'never'; readonly reason: string };

/**
 * Whether an engine needing `need` may start beside `loaded`, and which idle engines to evict for
 * it: the least recently used first, only as many as it takes, never one with requests in flight.
 */
export function admit(need: DeviceBytes, loaded: readonly LoadedEngine[], limits: AdmissionLimits): Admission {
  const tooBig = Object.entries(need).find(([device, bytes]) => bytes > (limits.capacity[device] ?? Infinity));
  if (tooBig) {
    const [device, bytes] = tooBig;
    return {
      kind: 'never',
      reason: `it needs ${gib(bytes)} on ${deviceName(device)}, which has ${gib(limits.capacity[device] ?? 0)} in all`,
    };
  }
  const staying = [...loaded];
  const evict: string[] = [];
  const candidates = loaded
    .filter((engine) => engine.evictable && !engine.busy)
    .sort((a, b) => a.lastUsed - b.lastUsed);
  for (;;) {
    const shortfall = shortfallOf(need, staying, limits);
    if (shortfall === undefined) return { kind: 'admit', evict };
    const victim = candidates.shift();
    if (victim === undefined) return { kind: 'wait', reason: shortfall };
    staying.splice(staying.indexOf(victim), 1);
    evict.push(victim.name);
  }
}

/** Why `need` does not fit beside `staying`, with the numbers; undefined when it fits. */
function shortfallOf(need: DeviceBytes, staying: readonly LoadedEngine[], limits: AdmissionLimits): string | undefined {
  if (limits.maxLoaded !== undefined && staying.length >= limits.maxLoaded) {
    return `${staying.length} of at most ${limits.maxLoaded} engines are loaded (${staying.map((engine) => engine.name).join(', ')})`;
  }
  for (const [device, bytes] of Object.entries(need)) {
    const capacity = limits.capacity[device];
    if (capacity === undefined) continue;
    const used = staying.reduce((sum, engine) => sum + (engine.need[device] ?? 0), 0);
    if (used + bytes > capacity) {
      const holders = staying.filter((engine) => (engine.need[device] ?? 0) > 0).map((engine) => engine.name);
      return `it needs ${gib(bytes)} on ${deviceName(device)}, where ${gib(capacity - used)} of ${gib(capacity)} is free (${holders.join(', ')} hold the rest)`;
    }
  }
  return undefined;
}
