import { isSwitchyardError, type Selection, type SwitchyardError } from '@switchyard/core';
import { ExitCode } from '../exit-codes.js';
import type { CliIo } from '../io.js';
import { candidatesTable } from './candidates-table.js';
import { describeSpec } from './describe-spec.js';
import { inFlagWords, wordAsFlags } from './flag-words.js';
import { paletteFor } from './palette.js';

/**
 * Says that no engine can run the model here, with every engine's reasons: a table on stderr, or
 * with `--json` the error object on stdout, the candidates with it. A model that engines could run
 * but that fits nowhere keeps core's MODEL_TOO_LARGE and its reason. Returns the exit code.
 */
export function reportNoEngine(refusal: Refusal, io: CliIo, json: boolean): ExitCode {
  const { error, selection } = refusal;
  const message = `No engine can run ${describeSpec(selection.spec)} here.`;
  if (json) {
    const report =
      error.code === 'MODEL_TOO_LARGE'
        ? { code: error.code, ...inFlagWords(error) }
        : {
            code: 'NO_ELIGIBLE_ENGINE',
            message,
            hint: 'Each candidate says why it was refused; fix what its reasons name, or pick another spec.',
          };
    io.stdout(`${JSON.stringify({ error: { ...report, candidates: selection.candidates } })}\n`);
  } else {
    io.stderr(`${message.slice(0, -1)}; the reasons are below.\n`);
    // A model too large for the host says so once, above the engines that could otherwise run it.
    io.stderr(selection.fit.fits === false ? `${wordAsFlags(selection.reason)}\n\n` : '\n');
    io.stderr(`${candidatesTable(selection, io.columns, paletteFor(io))}\n`);
  }
  return ExitCode.failure;
}

/** Core's refusal of a model no engine can run here, or that fits nowhere, and the selection behind it. */
export interface Refusal {
  readonly error: SwitchyardError;
  readonly selection: Selection;
}

/** A refusal from core (no engine can run the model, or it fits nowhere), to show its reasons. */
export function refusedSelection(error: unknown): Refusal | undefined {
  if (!isSwitchyardError(error) || !('selection' in error) || error.selection === undefined) return undefined;
  return { error, selection: error.selection as Selection };
}
