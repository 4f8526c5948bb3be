import type { NodeClass } from '../cluster/node-class.js';
import { cores, mebibytes } from '../cluster/quantity.js';
import type { ClassFit } from '../placement/placement.js';

/**
 * Requests may take this share of what a replica's part of a node allocates: the rest stays for the
 * daemon sets every node runs (device plugin, monitoring, networking).
 */
const SCHEDULABLE_SHARE = 0.8;
/** CPU cores a GPU engine keeps busy per GPU: tokenizing, scheduling, sampling. */
const CORES_PER_GPU = 4;

/**
 * CPU and memory requests for one replica, from the memory plan and the class's allocatable: on
 * GPU nodes the weights stream through host memory while loading, and a replica on k of the node's
 * n GPUs may count on k/n of its CPU and memory; on CPU nodes the engine computes on the node's cores
 * and holds the whole plan in memory. `extraMemoryBytes` is memory-backed volumes, which count too.
 */
export function resourceRequests(
  nodeClass: NodeClass,
  fit: ClassFit,
  extraMemoryBytes: number,
): Record<string, string> {
  const { cpu, memoryBytes } = nodeClass.allocatable;
  const share = fit.gpus === 0 ? 1 : fit.gpus / nodeClass.allocatableGpus;
  const requests: Record<string, string> = {};
  if (cpu !== undefined) {
    const usable = cpu * share * SCHEDULABLE_SHARE;
    const wanted = fit.gpus === 0 ? usable : Math.min(usable, CORES_PER_GPU * fit.gpus);
    // Whole cores where there are some; a fraction on the smallest nodes.
    requests.cpu = cores(wanted >= 1 ? Math.floor(wanted) : Math.floor(wanted * 10) / 10);
  }
  const planned = fit.memory.neededBytes;
  if (memoryBytes !== undefined && planned > 0) {
    requests.memory = mebibytes(Math.min(planned + extraMemoryBytes, memoryBytes * share * SCHEDULABLE_SHARE));
  }
  return requests;
}
