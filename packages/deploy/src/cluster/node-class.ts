import { GPU_LABELS, GPU_RESOURCE, NODE_LABELS } from './labels.js';
import type { KubernetesNode, Taint } from './node-list.js';
import { parseQuantity } from './quantity.js';

/** The GPUs every node of a class has, from GPU feature discovery's labels. */
export interface NodeGpus {
  /** As the label writes it, e.g. `NVIDIA-A100-SXM4-80GB`. */
  readonly product: string;
  readonly memoryMiB?: number;
  /** GPUs on the node (`nvidia.com/gpu.count`). */
  readonly count: number;
  readonly computeCapability?: string;
}

/** Nodes alike for placement: same GPUs, OS, architecture and allocatable GPUs. */
export interface NodeClass {
  /** For people and tables, e.g. `NVIDIA-L4 ×1 linux/amd64`. */
  readonly name: string;
  readonly os: string;
  readonly arch: string;
  /** Absent on CPU nodes (no GPU feature discovery labels). */
  readonly gpu?: NodeGpus;
  /** `nvidia.com/gpu` the device plugin offers on each node: what pods can ask for. */
  readonly allocatableGpus: number;
  readonly nodes: readonly string[];
  /** The least allocatable CPU (cores) and memory (bytes) among the nodes: what any of them can give. */
  readonly allocatable: { readonly cpu: number | undefined; readonly memoryBytes: number | undefined };
  /** The labels a nodeSelector pins the class with. */
  readonly selector: Readonly<Record<string, string>>;
}

/** A node no pod of ours would be scheduled on, and why. */
export interface SkippedNode {
  readonly name: string;
  readonly reason: string;
}

/** Taints with these effects keep pods off unless tolerated; the manifests tolerate only the GPU taint. */
const BLOCKING_EFFECTS = new Set(['NoSchedule', 'NoExecute']);

/**
 * Groups schedulable nodes into classes by their GPU labels, OS, architecture and allocatable GPUs,
 * in the order the classes' first nodes appear. Cordoned nodes, and nodes with a taint other than
 * `nvidia.com/gpu` that would keep the pods off, are set aside with the reason.
 */
export function groupNodes(nodes: readonly KubernetesNode[]): { classes: NodeClass[]; skipped: SkippedNode[] } {
  const byKey = new Map<string, { template: NodeClass; members: KubernetesNode[] }>();
  const skipped: SkippedNode[] = [];
  for (const node of nodes) {
    const reason = unschedulableReason(node);
    if (reason !== undefined) {
      skipped.push({ name: node.metadata.name, reason });
      continue;
    }
    const template = classOf(node);
    const key = JSON.stringify([template.selector, template.gpu, template.allocatableGpus]);
    const group = byKey.get(key);
    if (group) group.members.push(node);
    else byKey.set(key, { template, members: [node] });
  }
  const classes = [...byKey.values()].map(({ template, members }) => ({
    ...template,
    nodes: members.map((node) => node.metadata.name),
    allocatable: {
      cpu: least(members.map((node) => allocatable(node, 'cpu'))),
      memoryBytes: least(members.map((node) => allocatable(node, 'memory'))),
    },
  }));
  return { classes, skipped };
}

function unschedulableReason(node: KubernetesNode): string | undefined {
  if (node.spec.unschedulable) return 'cordoned (spec.unschedulable)';
  const blocking = node.spec.taints.filter((taint) => BLOCKING_EFFECTS.has(taint.effect) && taint.key !== GPU_RESOURCE);
  if (blocking.length === 0) return undefined;
  return `tainted ${blocking.map(describeTaint).join(', ')}; the Deployment tolerates only ${GPU_RESOURCE}`;
}

const describeTaint = (taint: Taint) => `${taint.key}${taint.value ? `=${taint.value}` : ''}:${taint.effect}`;

function classOf(node: KubernetesNode): NodeClass {
  const labels = node.metadata.labels;
  const os = labels[NODE_LABELS.os] ?? 'linux';
  const arch = labels[NODE_LABELS.arch] ?? 'amd64';
  const gpu = gpusOf(labels);
  const selector: Record<string, string> = { [NODE_LABELS.os]: os, [NODE_LABELS.arch]: arch };
  if (gpu) selector[GPU_LABELS.product] = gpu.product;
  return {
    name: gpu ? `${gpu.product} ×${gpu.count} ${os}/${arch}` : `CPU ${os}/${arch}`,
    os,
    arch,
    ...(gpu ? { gpu } : {}),
    allocatableGpus: gpu ? Math.floor(allocatable(node, GPU_RESOURCE) ?? 0) : 0,
    nodes: [],
    allocatable: { cpu: undefined, memoryBytes: undefined },
    selector,
  };
}

function gpusOf(labels: Readonly<Record<string, string>>): NodeGpus | undefined {
  const product = labels[GPU_LABELS.product];
  if (product === undefined) return undefined;
  const memoryMiB = wholeNumber(labels[GPU_LABELS.memory]);
  const major = wholeNumber(labels[GPU_LABELS.computeMajor]);
  const minor = wholeNumber(labels[GPU_LABELS.computeMinor]);
  return {
    product,
    count: wholeNumber(labels[GPU_LABELS.count]) ?? 1,
    ...(memoryMiB === undefined ? {} : { memoryMiB }),
    ...(major === undefined || minor === undefined ? {} : { computeCapability: `${major}.${minor}` }),
  };
}

function wholeNumber(text: string | undefined): number | undefined {
  return text !== undefined && /^\d+$/.test(text) ? Number(text) : undefined;
}

function allocatable(node: KubernetesNode, resource: string): number | undefined {
  const value = node.status.allocatable[resource];
  return value === undefined ? undefined : parseQuantity(value);
}

function least(values: readonly (number | undefined)[]): number | undefined {
  const known = values.filter((value): value is number => value !== undefined);
  return known.length === 0 ? undefined : Math.min(...known);
}
