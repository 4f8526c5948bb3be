import { type HostInfo, type ModelSpec, memoryBudget, memoryFit } from '@switchyard/core';
import type { DeviceBytes, MemoryNeed } from './device-memory.js';

/** GPUs whose memory the host names, Apple's unified memory aside. */
const discreteGpus = (host: HostInfo) =>
  host.gpus.filter((gpu) => gpu.vendor !== 'apple' && gpu.memoryMiB !== undefined);

/**
 * What each device has for engines: each discrete GPU's memory, or else the host's share of RAM or
 * unified memory that core's memory budget allows a model. Empty when the host does not say.
 */
export function hostCapacity(host: HostInfo): DeviceBytes {
  const gpus = discreteGpus(host);
  if (gpus.length > 0)
    return Object.fromEntries(gpus.map((gpu) => [`gpu:${gpu.index}`, (gpu.memoryMiB ?? 0) * 2 ** 20]));
  const budget = memoryBudget(host);
  return budget === undefined ? {} : { memory: budget.bytes };
}

/**
 * Today's estimate of an engine's memory: the weights plus core's headroom for the KV cache and the
 * runtime, split evenly over the GPUs it is given (all of the host's by default), or in RAM on a
 * host without GPUs. A spec without a size needs nothing that can be counted.
 */
export function estimateNeed(spec: ModelSpec, host: HostInfo, gpus?: readonly number[]): MemoryNeed {
  const source = 'weights × headroom (core memory estimate)';
  if (spec.sizeInBillions === undefined) return { bytes: {}, source: 'unknown: the model has no size' };
  const { neededBytes } = memoryFit(spec.format, spec.quantization, spec.sizeInBillions, undefined);
  const devices = gpus ?? discreteGpus(host).map((gpu) => gpu.index);
  if (devices.length === 0) return { bytes: { memory: neededBytes }, source };
  return { bytes: Object.fromEntries(devices.map((index) => [`gpu:${index}`, neededBytes / devices.length])), source };
}
