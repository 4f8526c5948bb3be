import { fitSpec, type HostInfo, memoryBudget, type Selection } from '@switchyard/core';
import type { ServedModel } from '../served-model.js';
import { type DeviceBytes, gib, type MemoryNeed } from './device-memory.js';

/** GPUs whose memory the host names, Apple's unified memory aside. */
const discreteGpus = (host: HostInfo) =>
  host.gpus.filter((gpu) => gpu.vendor !== 'apple' && gpu.memoryMiB !== undefined);

/**
 * What each device has for engines when the server starts: each discrete GPU's free memory (its
 * total where the free figure is unknown), or else the share of RAM or unified memory core's budget
 * allows a model. Empty when the host does not say.
 */
export function hostCapacity(host: HostInfo): DeviceBytes {
  const gpus = discreteGpus(host);
  if (gpus.length > 0) {
    return Object.fromEntries(
      gpus.map((gpu) => [`gpu:${gpu.index}`, (gpu.memoryFreeMiB ?? gpu.memoryMiB ?? 0) * 2 ** 20]),
    );
  }
  const budget = memoryBudget(host);
  return budget === undefined ? {} : { memory: budget.bytes };
}

/**
 * The memory a model's engine needs on each device: core's memory plan for the selected spec
 * (weights, KV cache and engine overhead per GPU, at the model's context length), else the
 * selection's own estimate split evenly over the GPUs, else nothing that can be counted.
 */
export function memoryNeed(selection: Selection, model: ServedModel): MemoryNeed {
  const plan = fitSpec({
    spec: selection.spec,
    host: selection.host,
    options: {
      ...(model.contextLength === undefined ? {} : { contextLength: model.contextLength }),
      ...(model.gpus === undefined ? {} : { gpus: model.gpus }),
    },
  });
  if (plan !== undefined && plan.devices.length > 0) {
    return {
      bytes: Object.fromEntries(
        plan.devices.map((device) => [device.gpu === undefined ? 'memory' : `gpu:${device.gpu}`, device.neededBytes]),
      ),
      source: `memory plan: weights ${gib(plan.weightsBytes)}, KV cache ${gib(plan.kvCacheBytes)} for ${plan.contextLength} tokens, overhead ${gib(plan.overheadBytes)}`,
    };
  }
  const { neededBytes, basis } = selection.fit;
  if (neededBytes === 0) return { bytes: {}, source: `unknown: ${basis}` };
  const gpus = model.gpus ?? discreteGpus(selection.host).map((gpu) => gpu.index);
  if (gpus.length === 0) return { bytes: { memory: neededBytes }, source: basis };
  return { bytes: Object.fromEntries(gpus.map((index) => [`gpu:${index}`, neededBytes / gpus.length])), source: basis };
}
