import { isSwitchyardError, type Selection } from '@switchyard/core';
import { ExitCode } from '../exit-codes.js';
import type { CliIo } from '../io.js';
import { candidatesTable } from './candidates-table.js';
import { describeSpec } from './describe-spec.js';
import { wordAsFlags } from './flag-words.js';
import { paletteFor } from './palette.js';

/**
 * Says that no engine can run the model here, with every engine's reasons: a table on stderr, or
 * with `--json` the error object on stdout, the candidates with it. Returns the exit code.
 */
export function reportNoEngine(selection: Selection, io: CliIo, json: boolean): ExitCode {
  const message = `No engine can run ${describeSpec(selection.spec)} here.`;
  if (json) {
    const hint = 'Each candidate says why it was refused; fix what its reasons name, or pick another spec.';
    const error = { code: 'NO_ELIGIBLE_ENGINE', message, hint, candidates: selection.candidates };
    io.stdout(`${JSON.stringify({ error })}\n`);
  } else {
    io.stderr(`${message.slice(0, -1)}; the reasons are below.\n`);
    // A model too large for the host says so once, above the engines that could otherwise run it.
    io.stderr(selection.fit.fits === false ? `${wordAsFlags(selection.reason)}\n\n` : '\n');
    io.stderr(`${candidatesTable(selection, io.columns, paletteFor(io))}\n`);
  }
  return ExitCode.failure;
}

/** The selection of a refusal from core (no engine can run the model, or it fits nowhere), to show its reasons. */
export function refusedSelection(error: unknown): Selection | undefined {
  if (!isSwitchyardError(error) || !('selection' in error)) return undefined;
  return error.selection as Selection | undefined;
}
