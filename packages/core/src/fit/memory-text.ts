import { groupDigits } from '../text/group-digits.js';

/** Bytes as GiB for memory plans: one decimal below 100 GiB so that "needs" and "has" never read alike. */
export function gibibytes(bytes: number): string {
  const value = bytes / 2 ** 30;
  return `${value >= 100 ? Math.round(value) : value.toFixed(1)} GiB`;
}

/** A token count for messages: 131,072. */
export function tokens(count: number): string {
  return groupDigits(count);
}
