import { SwitchyardError } from '@switchyard/core';
import type { Placement } from './placement/placement.js';

/**
 * No class of the cluster can run the model. `placement` holds every class's reasons; the code is
 * MODEL_TOO_LARGE when engines could run it but no node has the memory for one replica.
 */
export class PlacementRefusedError extends SwitchyardError {
  readonly placement: Placement;

  constructor(placement: Placement, tooLarge: boolean) {
    super(
      tooLarge ? 'MODEL_TOO_LARGE' : 'NO_ELIGIBLE_ENGINE',
      placement.refusal ?? 'No node class can run the model.',
      {
        hint: tooLarge
          ? 'Pick a smaller `size` or `quantization`, or add nodes with more GPU memory.'
          : 'Each class lists why each engine was refused; `engine`, `image` and `gpusPerReplica` change what is judged.',
      },
    );
    this.placement = placement;
  }
}

/** A manifest Switchyard rendered fails the Kubernetes schema: a bug, reported before anything is applied. */
export class InvalidManifestError extends SwitchyardError {
  constructor(kind: string, problems: string) {
    super(
      'INVALID_MANIFEST',
      `The ${kind} Switchyard rendered does not validate against the Kubernetes schema: ${problems}`,
      {
        hint: 'This is a bug in Switchyard; please report it with the command you ran.',
      },
    );
  }
}
