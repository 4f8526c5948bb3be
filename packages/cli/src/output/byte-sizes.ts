import prettyBytes from 'pretty-bytes';

/** Bytes as people read them, in binary units: `4.4 GiB`. */
export const bytes = (count: number) => prettyBytes(count, { binary: true, maximumFractionDigits: 1 });

/** A duration in whole seconds, minutes or hours: `45s`, `3m 20s`, `1h 05m`. */
export function duration(seconds: number): string {
  const s = Math.max(0, Math.round(seconds));
  if (s < 60) return `${s}s`;
  if (s < 3600) return `${Math.floor(s / 60)}m ${String(s % 60).padStart(2, '0')}s`;
  return `${Math.floor(s / 3600)}h ${String(Math.floor((s % 3600) / 60)).padStart(2, '0')}m`;
}
