/** Labels NVIDIA GPU feature discovery (part of the GPU operator) puts on GPU nodes. */
export const GPU_LABELS = {
  product: 'nvidia.com/gpu.product',
  /** Per-GPU memory in MiB. */
  memory: 'nvidia.com/gpu.memory',
  count: 'nvidia.com/gpu.count',
  computeMajor: 'nvidia.com/gpu.compute.major',
  computeMinor: 'nvidia.com/gpu.compute.minor',
} as const;

/** Well-known labels every kubelet sets. */
export const NODE_LABELS = { os: 'kubernetes.io/os', arch: 'kubernetes.io/arch' } as const;

/** The device plugin's extended resource, and the taint GPU node pools carry to keep other pods off. */
export const GPU_RESOURCE = 'nvidia.com/gpu';
