import { GPU_RESOURCE } from '../cluster/labels.js';
import type { NodeClass } from '../cluster/node-class.js';

/**
 * The GPU counts one replica may get on a class, fewest first, or why none: on CPU nodes 0; else
 * `gpusPerReplica`, or the powers of two up to what a node offers (tensor parallelism splits
 * attention heads evenly, and models' head counts are powers of two times small factors).
 */
export function gpuCounts(nodeClass: NodeClass, gpusPerReplica: number | undefined): number[] | string {
  if (!nodeClass.gpu) {
    return gpusPerReplica === undefined
      ? [0]
      : `\`gpusPerReplica\` asks for ${gpusPerReplica}, and these nodes have no GPU`;
  }
  const offered = nodeClass.allocatableGpus;
  if (offered === 0) {
    return `the nodes offer no allocatable ${GPU_RESOURCE}: is the NVIDIA device plugin (or GPU operator) running on them?`;
  }
  if (gpusPerReplica !== undefined) {
    return gpusPerReplica <= offered
      ? [gpusPerReplica]
      : `\`gpusPerReplica\` asks for ${gpusPerReplica}, more than the ${offered} ${GPU_RESOURCE} each node offers`;
  }
  const counts: number[] = [];
  for (let count = 1; count <= offered; count *= 2) counts.push(count);
  return counts;
}
