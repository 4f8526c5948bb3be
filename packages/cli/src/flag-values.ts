import { bindAddressSyntaxProblem, groupDigits } from '@switchyard/core';
import { InvalidArgumentError } from 'commander';

/**
 * Parsers for flag values. Each refuses what no run could mean (an empty name, a number out of
 * range, a malformed address) before anything is read or probed; commander then names the flag.
 */

/** A name or path: refused when empty or blank, which would otherwise read as "not given". */
export function text(value: string): string {
  const trimmed = value.trim();
  if (trimmed === '') throw new InvalidArgumentError('it must not be empty.');
  return trimmed;
}

/** A repeatable flag's values, in order. */
export function collect(value: string, previous: readonly string[] = []): string[] {
  return [...previous, text(value)];
}

/** A whole number from `min` to `max`, written in digits (no 1e9, no 0x10). */
export function wholeNumber(min: number, max: number, unit = ''): (value: string) => number {
  const range = `a whole number from ${groupDigits(min)} to ${groupDigits(max)}${unit}`;
  return (value) => {
    if (!/^\d+$/.test(value.trim())) throw new InvalidArgumentError(`expected ${range}.`);
    const number = Number(value);
    if (number < min || number > max) throw new InvalidArgumentError(`expected ${range}.`);
    return number;
  };
}

/** A duration in seconds: above 0 and at most `max`. */
export function seconds(max: number): (value: string) => number {
  return (value) => {
    const number = Number(value);
    if (!/^\d+(\.\d+)?$/.test(value.trim()) || number <= 0 || number > max) {
      throw new InvalidArgumentError(`expected a number of seconds above 0 and at most ${groupDigits(max)}, e.g. 900.`);
    }
    return number;
  };
}

/** GPU indices such as `0,1`: digits, each named once. Whether the host has them is checked against it later. */
export function gpuList(value: string): number[] {
  const parts = value.split(',').map((part) => part.trim());
  if (parts.some((part) => !/^\d{1,4}$/.test(part))) {
    throw new InvalidArgumentError('expected GPU indices separated by commas, e.g. 0,1.');
  }
  const indices = parts.map(Number);
  const repeated = indices.filter((index, i) => indices.indexOf(index) !== i);
  if (repeated.length > 0) {
    throw new InvalidArgumentError(`GPU ${[...new Set(repeated)].join(', ')} is named twice; name each GPU once.`);
  }
  return indices;
}

/** An address to listen on, by its spelling; `launch` also checks that this machine has it. */
export function bindAddress(value: string): string {
  const address = text(value);
  const problem = bindAddressSyntaxProblem(address);
  if (problem !== undefined) throw new InvalidArgumentError(`${problem}.`);
  return address;
}
