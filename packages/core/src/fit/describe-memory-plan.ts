import type { ContextSource, MemoryPlan } from './memory-plan.js';
import { gibibytes, tokens } from './memory-text.js';

const CONTEXT_WORDS: Readonly<Record<ContextSource, string>> = {
  'model maximum': "the model's maximum",
  'largest that fits': 'the most that fits',
  'asked for': 'as asked',
};

/**
 * A memory plan in two lines for people: what it takes (weights + KV cache for N tokens + engine
 * overhead = total), then where (which GPUs, of how much free memory), e.g.
 *
 *   14.9 GiB of weights + 4.9 GiB of KV cache for 40,448 tokens (the most that fits) + 1.8 GiB of overhead = 21.6 GiB
 *   on GPU 0: 21.6 of 21.6 GiB usable (90% of 24.0 GiB free)
 */
export function describeMemoryPlan(plan: MemoryPlan): [string, string] {
  const parts = [
    `${gibibytes(plan.weightsBytes)} of weights`,
    `${gibibytes(plan.kvCacheBytes)} of KV cache for ${tokens(plan.contextLength)} tokens (${CONTEXT_WORDS[plan.contextSource]})`,
    ...(plan.overheadBytes > 0 ? [`${gibibytes(plan.overheadBytes)} of overhead`] : []),
  ];
  const estimated = plan.sources.estimated.length > 0 ? ` (architecture ${plan.sources.architecture})` : '';
  return [`${parts.join(' + ')} = ${gibibytes(plan.totalBytes)}${estimated}`, where(plan)];
}

function where(plan: MemoryPlan): string {
  if (plan.memory === 'unknown') return "this host's memory is unknown: nothing was sized to it";
  const gpus = plan.devices.filter((device) => device.gpu !== undefined);
  const ram = plan.devices.find((device) => device.gpu === undefined);
  const share = (device: MemoryPlan['devices'][number]) =>
    `${gibibytes(device.neededBytes)} of ${gibibytes(device.usableBytes)} usable${
      device.usableBytes < device.freeBytes ? ` (of ${gibibytes(device.freeBytes)} free)` : ''
    }`;
  if (gpus.length === 0) return `in ${plan.memory}: ${ram ? share(ram) : 'nothing'}`;
  const names = `GPU${gpus.length === 1 ? '' : 's'} ${gpus.map((device) => device.gpu).join(', ')}`;
  const split = plan.tensorParallel > 1 ? ` (tensor parallel ${plan.tensorParallel})` : '';
  const onGpus = `on ${names}${split}: ${gpus.length > 1 ? 'each ' : ''}${share(gpus[0] as MemoryPlan['devices'][number])}`;
  if (!plan.gpuLayers) return onGpus;
  const { onGpu, total } = plan.gpuLayers;
  return `${onGpu} of ${total} layers ${onGpus}; the other ${total - onGpu} in RAM: ${ram ? share(ram) : ''}`;
}
