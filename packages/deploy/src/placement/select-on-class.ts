import {
  type Backend,
  type Candidate,
  EngineNotEligibleError,
  type ModelReference,
  type Selection,
  type SelectRequest,
  type Switchyard,
} from '@switchyard/core';
import { classHost } from '../cluster/class-host.js';
import type { NodeClass } from '../cluster/node-class.js';
import { explainImages, type ImageOverride, imageRuntimes } from '../images/class-image.js';

/** What every selection on a class shares: the instance, its engines, the image override and the request. */
export interface ClassContext {
  readonly switchyard: Switchyard;
  readonly backends: readonly Backend[];
  readonly override: ImageOverride;
  /** The selection request without its host: the model options, `engine`, `prefer`, `cwd`. */
  readonly request: Omit<SelectRequest, 'host'>;
  readonly gpusPerReplica: number | undefined;
}

/** A selection on one node of a class, as the class shows it. */
export interface ClassSelection {
  readonly selection?: Selection;
  /** The engine that would run it: the first eligible candidate once image-less engines are refused. */
  readonly engine: string | null;
  /** Every engine's verdict, an engine without an image there refused for that. */
  readonly candidates: readonly Candidate[];
}

/**
 * Selects for the model on one node of the class holding `gpus` of its GPUs, with exactly the
 * engines whose images run there installed: core's selection (rules, spec choice, memory fit), as
 * for a single host. A pinned engine that cannot run there is a refusal of the class, not an error.
 */
export async function selectOnClass(
  model: ModelReference,
  nodeClass: NodeClass,
  gpus: number,
  context: ClassContext,
): Promise<ClassSelection> {
  const { switchyard, backends, override, request } = context;
  const host = classHost(nodeClass, gpus, imageRuntimes(backends, nodeClass, override));
  try {
    const selection = await switchyard.select(model, { ...request, host });
    const candidates = explainImages(selection.candidates, backends, nodeClass, override);
    // The chosen engine, unless it has no image here; then the next that can run the model, if any.
    const stillChosen = candidates.some((c) => c.backend === selection.chosen && c.eligible);
    const engine =
      selection.chosen === null
        ? null
        : stillChosen
          ? selection.chosen
          : (candidates.find((c) => c.eligible && request.engine === undefined)?.backend ?? null);
    return { selection, engine, candidates };
  } catch (error) {
    if (!(error instanceof EngineNotEligibleError) || request.engine === undefined) throw error;
    const pinned = { backend: request.engine, priority: 0, eligible: false, reasons: error.reasons };
    return { engine: null, candidates: explainImages([pinned], backends, nodeClass, override) };
  }
}
