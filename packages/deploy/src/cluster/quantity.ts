/**
 * Kubernetes resource quantities (`47`, `15890m`, `65851972Ki`, `64Gi`, `1.5e9`) as numbers, in the
 * quantity's base unit: cores for CPU, bytes for memory, a count for devices.
 */
const SUFFIXES: Readonly<Record<string, number>> = {
  '': 1,
  n: 1e-9,
  u: 1e-6,
  m: 1e-3,
  k: 1e3,
  M: 1e6,
  G: 1e9,
  T: 1e12,
  P: 1e15,
  E: 1e18,
  Ki: 2 ** 10,
  Mi: 2 ** 20,
  Gi: 2 ** 30,
  Ti: 2 ** 40,
  Pi: 2 ** 50,
  Ei: 2 ** 60,
};

const QUANTITY = /^([+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?)([a-zA-Z]*)$/;

/** The quantity's value, or undefined when it is not a quantity Kubernetes would write. */
export function parseQuantity(text: string | number): number | undefined {
  if (typeof text === 'number') return Number.isFinite(text) ? text : undefined;
  const match = QUANTITY.exec(text.trim());
  if (!match) return undefined;
  const [, number = '', suffix = ''] = match;
  const scale = SUFFIXES[suffix];
  return scale === undefined ? undefined : Number(number) * scale;
}

/** Bytes as a memory quantity in whole MiB, rounded up, e.g. `18432Mi`: what requests are written in. */
export function mebibytes(bytes: number): string {
  return `${Math.ceil(bytes / 2 ** 20)}Mi`;
}

/** Cores as a CPU quantity, e.g. `4` or `500m`. */
export function cores(value: number): string {
  return Number.isInteger(value) ? String(value) : `${Math.round(value * 1000)}m`;
}
