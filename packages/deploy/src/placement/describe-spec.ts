import type { ModelSpec } from '@switchyard/core';

/** A spec in a few words for messages, e.g. `qwen2.5-instruct · pytorch · none · 72B`. */
export function describeSpec(spec: ModelSpec): string {
  const size = spec.sizeInBillions === undefined ? [] : [`${spec.sizeInBillions}B`];
  return [spec.modelName, spec.format, spec.quantization, ...size].join(' · ');
}
