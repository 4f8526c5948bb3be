import { groupDigits, isSwitchyardError } from '@switchyard/core';
import { ExitCode } from './exit-codes.js';
import type { CliIo } from './io.js';
import { inFlagWords } from './output/flag-words.js';

const BAD_INPUT_CODES = new Set([
  'INVALID_INPUT',
  'UNKNOWN_ENGINE',
  'INVALID_PLUGIN',
  'PLUGIN_LOAD_FAILED',
  'PLUGIN_API_VERSION',
  'DUPLICATE_BACKEND',
  'HUB_NOT_FOUND',
]);

const BUG_HINT = 'This is a bug in Switchyard; run again with SWITCHYARD_DEBUG=1 for the stack trace and report it.';

export interface ErrorReport {
  readonly code: string;
  readonly message: string;
  readonly hint?: string;
}

/**
 * Prints an error as a person should read it (no stack trace), or with `json` as
 * `{"error":{"code","message","hint"}}` on stdout, and returns the exit code for it.
 */
export function reportError(error: unknown, io: CliIo, json = false): ExitCode {
  const known = isSwitchyardError(error);
  const report: ErrorReport = known
    ? { code: error.code, ...inFlagWords(error) }
    : { code: 'INTERNAL_ERROR', message: error instanceof Error ? error.message : String(error), hint: BUG_HINT };
  printError(report, io, json);
  if (!known && io.env.SWITCHYARD_DEBUG && error instanceof Error && error.stack) io.stderr(`${error.stack}\n`);
  return known && BAD_INPUT_CODES.has(error.code) ? ExitCode.badInput : ExitCode.failure;
}

/** One error, in the form the caller asked for. */
export function printError(report: ErrorReport, io: CliIo, json: boolean): void {
  const shown = { ...report, message: capLines(report.message) };
  if (json) io.stdout(`${JSON.stringify({ error: shown })}\n`);
  else io.stderr(`error: ${shown.message}\n${report.hint ? `${report.hint}\n` : ''}`);
}

/** Longer lines are cut: an error quoting a 100,000-character argument need not repeat it. */
const MAX_LINE_CHARS = 1000;

function capLines(text: string): string {
  return text
    .split('\n')
    .map((line) =>
      line.length <= MAX_LINE_CHARS
        ? line
        : `${line.slice(0, MAX_LINE_CHARS)}… (${groupDigits(line.length - MAX_LINE_CHARS)} more characters)`,
    )
    .join('\n');
}
