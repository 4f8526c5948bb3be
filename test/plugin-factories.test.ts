import { createSglang } from '@switchyard/backend-sglang';
import { createTransformers } from '@switchyard/backend-transformers';
import vllm, { createVllm, VLLM_MODEL_FAMILIES } from '@switchyard/backend-vllm';
import { createSwitchyard, type HostInfoInput } from '@switchyard/core';
import { describe, expect, it } from 'vitest';

const cuda: HostInfoInput = {
  os: 'linux',
  arch: 'x64',
  gpus: [{ index: 0, vendor: 'nvidia', name: 'H100', memoryMiB: 81559, computeCapability: '9.0' }],
  engines: {
    vllm: { version: '0.11.0' },
    sglang: { version: '0.5.0' },
    transformers: { version: '4.57.1' },
    torch: { version: '2.8.0' },
  },
};
const llama = { modelName: 'llama-3-instruct', format: 'pytorch', sizeInBillions: 8 } as const;

describe('backend factories, in the style of createOpenAI', () => {
  it('reorder an engine without forking it', async () => {
    const defaults = createSwitchyard({ plugins: [vllm, createSglang(), createTransformers()], host: cuda });
    expect((await defaults.select(llama)).chosen).toBe('vllm');
    const reordered = createSwitchyard({
      plugins: [createVllm({ priority: 5 }), createSglang(), createTransformers({ priority: 200 })],
      host: cuda,
    });
    const { candidates } = await reordered.select(llama);
    expect(candidates.map((c) => [c.backend, c.priority])).toEqual([
      ['transformers', 200],
      ['sglang', 90],
      ['vllm', 5],
    ]);
  });

  it('extend a model list: a family of your own becomes servable', async () => {
    const mine = { modelName: 'my-model', modelFamily: 'my-family', format: 'pytorch', sizeInBillions: 8 } as const;
    const stock = createSwitchyard({ plugins: [vllm], host: cuda });
    expect((await stock.select(mine)).chosen).toBeNull();
    const extended = createSwitchyard({
      plugins: [createVllm({ families: [...VLLM_MODEL_FAMILIES, 'my-family'] })],
      host: cuda,
    });
    expect((await extended.select(mine)).chosen).toBe('vllm');
  });

  it('refuse a priority that is not a number, naming the backend', () => {
    expect(() => createVllm({ priority: Number.NaN })).toThrow(/Backend "vllm".*priority must be a finite number/);
  });
});
