import { formatParameterCount, type ModelSpec } from '@switchyard/core';

/** `name (family X) · format · quantization · size` in one line. */
export function describeSpec(spec: ModelSpec): string {
  const family = spec.modelFamily === spec.modelName ? '' : ` (family ${spec.modelFamily})`;
  const size = spec.sizeInBillions === undefined ? '' : ` · ${formatParameterCount(spec.sizeInBillions * 1e9)}`;
  return `${spec.modelName}${family} · ${spec.format} · ${spec.quantization}${size}`;
}
