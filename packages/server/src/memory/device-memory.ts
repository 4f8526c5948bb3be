/**
 * Memory as admission sees it: bytes per device. A device is `gpu:N` (CUDA index N) or `memory`
 * (RAM on a host without GPUs, unified memory on Apple silicon). This is the one shape admission
 * reads, so a better estimate (e.g. a memory plan with KV cache per GPU) only has to produce it.
 */
export type DeviceBytes = Readonly<Record<string, number>>;

/** What a model's engine needs, and where that figure came from (for messages and /switchyard/status). */
export interface MemoryNeed {
  readonly bytes: DeviceBytes;
  readonly source: string;
}

/** "GPU 0" or "memory", for messages. */
export function deviceName(device: string): string {
  return device.startsWith('gpu:') ? `GPU ${device.slice('gpu:'.length)}` : device;
}

/** Bytes as GiB with one decimal, for messages. */
export function gib(bytes: number): string {
  return `${(bytes / 2 ** 30).toFixed(1)} GiB`;
}

export function totalBytes(bytes: DeviceBytes): number {
  return Object.values(bytes).reduce((sum, value) => sum + value, 0);
}
