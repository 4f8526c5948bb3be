import { isSwitchyardError } from '@switchyard/core';
import { ExitCode } from './exit-codes.js';
import type { CliIo } from './io.js';

const BAD_INPUT_CODES = new Set([
  'INVALID_INPUT',
  'UNKNOWN_ENGINE',
  'INVALID_PLUGIN',
  'PLUGIN_LOAD_FAILED',
  'PLUGIN_API_VERSION',
  'DUPLICATE_BACKEND',
  'HUB_NOT_FOUND',
]);

/** Prints an error as a person should read it (no stack trace) and returns the exit code for it. */
export function reportError(error: unknown, io: CliIo): ExitCode {
  if (isSwitchyardError(error)) {
    io.stderr(`error: ${error.describe()}\n`);
    return BAD_INPUT_CODES.has(error.code) ? ExitCode.badInput : ExitCode.failure;
  }
  const message = error instanceof Error ? error.message : String(error);
  io.stderr(`error: ${message}\n`);
  if (io.env.SWITCHYARD_DEBUG && error instanceof Error && error.stack) io.stderr(`${error.stack}\n`);
  else io.stderr('This is a bug in Switchyard; run again with SWITCHYARD_DEBUG=1 for the stack trace and report it.\n');
  return ExitCode.failure;
}
