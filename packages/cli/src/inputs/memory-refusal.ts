import type { Selection } from '@switchyard/core';
import type { ResolvedModel } from './model-input.js';
import type { Target } from './target.js';

/** What select and plan show: the selection for the target's model and host, refused when it is too large. */
export async function selectTarget(
  { switchyard, model, host }: Target,
  engine: string | undefined,
): Promise<Selection> {
  const selection = await switchyard.select(model.spec, { host, ...(engine === undefined ? {} : { engine }) });
  return refuseIfTooLarge(selection, model);
}

/**
 * The selection once the model's weights are known not to fit this host: no engine can run it, and
 * each engine that could run the spec says why not. Otherwise the selection as it is.
 */
function refuseIfTooLarge(selection: Selection, model: ResolvedModel): Selection {
  const { tooLarge } = model;
  if (tooLarge === undefined) return selection;
  return {
    ...selection,
    chosen: null,
    candidates: selection.candidates.map((candidate) =>
      candidate.eligible ? { ...candidate, eligible: false, reasons: [tooLarge] } : candidate,
    ),
  };
}
