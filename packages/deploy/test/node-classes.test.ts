import { describe, expect, it } from 'vitest';
import { groupNodes } from '../src/cluster/node-class.js';
import { parseNodeList } from '../src/cluster/node-list.js';
import { parseQuantity } from '../src/cluster/quantity.js';

const gpuNode = (name: string, labels: Record<string, string>, gpus: string, taints: unknown[] = []) => ({
  kind: 'Node',
  metadata: { name, labels: { 'kubernetes.io/os': 'linux', 'kubernetes.io/arch': 'amd64', ...labels } },
  spec: { taints },
  status: { allocatable: { cpu: '7910m', memory: '28431900Ki', 'nvidia.com/gpu': gpus } },
});
const L4 = { 'nvidia.com/gpu.product': 'NVIDIA-L4', 'nvidia.com/gpu.memory': '23034', 'nvidia.com/gpu.count': '1' };

describe('parseQuantity', () => {
  // The Kubernetes documentation's example: these all write roughly the same memory.
  it.each([
    ['128974848', 128974848],
    ['129e6', 129e6],
    ['129M', 129e6],
    ['123Mi', 123 * 2 ** 20],
    ['7910m', 7.91],
    ['28431900Ki', 28431900 * 1024],
  ])('reads %s', (text, value) => {
    expect(parseQuantity(text)).toBeCloseTo(value);
  });

  it('refuses what is not a quantity', () => {
    expect(parseQuantity('12 GB')).toBeUndefined();
    expect(parseQuantity('lots')).toBeUndefined();
  });
});

describe('groupNodes', () => {
  it('groups by GPU feature discovery labels, OS, architecture and allocatable GPUs', () => {
    const { classes } = groupNodes(
      parseNodeList({
        kind: 'List',
        items: [
          gpuNode('l4-a', { ...L4, 'nvidia.com/gpu.compute.major': '8', 'nvidia.com/gpu.compute.minor': '9' }, '1'),
          gpuNode('cpu-a', {}, '0'),
          gpuNode('l4-b', { ...L4, 'nvidia.com/gpu.compute.major': '8', 'nvidia.com/gpu.compute.minor': '9' }, '1'),
          gpuNode('l4-no-plugin', L4, '0'),
        ],
      }),
    );
    expect(classes.map((c) => [c.name, c.nodes, c.allocatableGpus])).toEqual([
      ['NVIDIA-L4 ×1 linux/amd64', ['l4-a', 'l4-b'], 1],
      ['CPU linux/amd64', ['cpu-a'], 0],
      ['NVIDIA-L4 ×1 linux/amd64', ['l4-no-plugin'], 0],
    ]);
    expect(classes[0]?.gpu).toEqual({
      product: 'NVIDIA-L4',
      memoryMiB: 23034,
      count: 1,
      computeCapability: '8.9',
    });
    expect(classes[0]?.allocatable).toEqual({ cpu: 7.91, memoryBytes: 28431900 * 1024 });
  });

  it('sets aside cordoned nodes and nodes with taints the pods would not tolerate', () => {
    const { classes, skipped } = groupNodes(
      parseNodeList({
        kind: 'NodeList',
        items: [
          gpuNode('gpu', L4, '1', [{ key: 'nvidia.com/gpu', value: 'present', effect: 'NoSchedule' }]),
          { ...gpuNode('cordoned', L4, '1'), spec: { unschedulable: true } },
          gpuNode('control-plane', {}, '0', [{ key: 'node-role.kubernetes.io/control-plane', effect: 'NoSchedule' }]),
          gpuNode('prefers-not', {}, '0', [{ key: 'spot', value: 'true', effect: 'PreferNoSchedule' }]),
        ],
      }),
    );
    expect(classes.map((c) => c.nodes)).toEqual([['gpu'], ['prefers-not']]);
    expect(skipped).toEqual([
      { name: 'cordoned', reason: 'cordoned (spec.unschedulable)' },
      {
        name: 'control-plane',
        reason:
          'tainted node-role.kubernetes.io/control-plane:NoSchedule; the Deployment tolerates only nvidia.com/gpu',
      },
    ]);
  });

  it('names the field when the input is not what kubectl get nodes -o json prints', () => {
    expect(() => parseNodeList({ kind: 'List', items: [] })).toThrow(/items: the list has no nodes/);
    expect(() => parseNodeList({ kind: 'PodList', items: [] })).toThrow(/kind: expected the List/);
    expect(() => parseNodeList({ kind: 'List', items: [{ metadata: {} }] })).toThrow(/items\.0\.metadata\.name/);
  });
});
