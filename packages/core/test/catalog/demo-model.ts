import { CatalogModelSchema } from '../../src/catalog/catalog-schema.js';
import type { CatalogModel } from '../../src/index.js';

/** A small catalog model whose memory needs are easy to work out by hand (weights × 1.2 headroom). */
export const demo: CatalogModel = CatalogModelSchema.parse({
  modelName: 'demo-instruct',
  abilities: ['chat'],
  contextLength: 8192,
  specs: [
    // 7B × 16 bits ≈ 15.6 GiB; 14B ≈ 31.3 GiB
    { format: 'pytorch', sizeInBillions: 7, quantizations: ['none'], hubId: 'org/demo-7b' },
    { format: 'pytorch', sizeInBillions: 14, quantizations: ['none'], hubId: 'org/demo-14b' },
    // 14B: Int8 ≈ 16.1 GiB, Int4 ≈ 8.3 GiB
    { format: 'gptq', sizeInBillions: 14, quantizations: ['Int4', 'Int8'], hubId: 'org/demo-14b-gptq-{quantization}' },
    // 70B Int4 ≈ 41.6 GiB
    { format: 'awq', sizeInBillions: 70, quantizations: ['Int4'], hubId: 'org/demo-70b-awq' },
    // 7B: Q4_K_M ≈ 4.8 GiB, Q8_0 ≈ 8.3 GiB
    {
      format: 'ggufv2',
      sizeInBillions: 7,
      quantizations: ['Q4_K_M', 'Q8_0'],
      hubId: 'org/demo-7b-gguf',
      fileNameTemplate: 'demo-7b-{quantization}.gguf',
    },
    // 70B: Q2_K ≈ 31 GiB, Q4_K_M ≈ 47.8 GiB
    {
      format: 'ggufv2',
      sizeInBillions: '70',
      quantizations: ['Q2_K', 'q4_k_m'],
      hubId: 'org/demo-70b-gguf',
      fileNameTemplate: 'demo-70b-{quantization}.gguf',
    },
    // 7B: 4bit ≈ 4.4 GiB, 8bit ≈ 8.3 GiB
    {
      format: 'mlx',
      sizeInBillions: 7,
      quantizations: ['4bit', '8bit'],
      hubId: 'mlx-community/demo-7b-{quantization}',
    },
  ],
});
