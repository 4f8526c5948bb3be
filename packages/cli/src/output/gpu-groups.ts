import type { GpuInfo } from '@switchyard/core';

/** GPUs that differ only by index, listed once: "8 × NVIDIA H100 80GB" reads better than eight lines. */
export interface GpuGroup {
  readonly gpu: GpuInfo;
  readonly indices: readonly number[];
}

export function groupGpus(gpus: readonly GpuInfo[]): GpuGroup[] {
  const groups = new Map<string, { gpu: GpuInfo; indices: number[] }>();
  for (const gpu of gpus) {
    const { index: _index, ...rest } = gpu;
    const key = JSON.stringify(rest);
    const group = groups.get(key);
    if (group) group.indices.push(gpu.index);
    else groups.set(key, { gpu, indices: [gpu.index] });
  }
  return [...groups.values()];
}

/** `8 × ` for a group of eight, nothing for one GPU. */
export function countPrefix(group: GpuGroup): string {
  return group.indices.length > 1 ? `${group.indices.length} × ` : '';
}

/** Indices as ranges: 0–7, or 0, 2, 4–5. */
export function indexRanges(indices: readonly number[]): string {
  const sorted = [...indices].sort((a, b) => a - b);
  const ranges: string[] = [];
  for (let i = 0; i < sorted.length; ) {
    let j = i;
    while (j + 1 < sorted.length && sorted[j + 1] === (sorted[j] ?? 0) + 1) j++;
    ranges.push(j > i ? `${sorted[i]}–${sorted[j]}` : `${sorted[i]}`);
    i = j + 1;
  }
  return ranges.join(', ');
}
