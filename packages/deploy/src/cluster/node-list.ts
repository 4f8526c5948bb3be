import { InvalidInputError, parseInput } from '@switchyard/core';
import { z } from 'zod';

const TaintSchema = z.lazy(() =>
  z.object({
    key: z.string(),
    value: z.string().optional(),
    effect: z.string(),
  }),
);

/** The parts of a Node that placement reads; kubectl writes many more, which are ignored. */
export const NodeSchema = z.lazy(() =>
  z.object({
    kind: z.literal('Node', { error: 'each item must be a Node; run `kubectl get nodes -o json`' }).optional(),
    metadata: z.object({
      name: z.string({ error: 'every node needs metadata.name' }).min(1),
      labels: z.record(z.string(), z.string()).default({}),
    }),
    spec: z
      .object({
        taints: z.array(TaintSchema).default([]),
        unschedulable: z.boolean().optional(),
      })
      .default({ taints: [] }),
    status: z
      .object({
        allocatable: z.record(z.string(), z.union([z.string(), z.number()])).default({}),
      })
      .default({ allocatable: {} }),
  }),
);

export type KubernetesNode = z.output<typeof NodeSchema>;
export type Taint = z.output<typeof TaintSchema>;

const NodeListSchema = z.lazy(() =>
  z.object({
    kind: z.enum(['List', 'NodeList'], { error: 'expected the List that `kubectl get nodes -o json` prints' }),
    items: z.array(NodeSchema),
  }),
);

/**
 * The nodes of `kubectl get nodes -o json` (a List or NodeList), or of `kubectl get node NAME -o json`
 * (one Node). `source` names where it came from, for errors.
 */
export function parseNodeList(input: unknown, source = 'nodes'): KubernetesNode[] {
  const hint = 'Give what `kubectl get nodes -o json` prints.';
  const what = `node list from ${source}`;
  const single = typeof input === 'object' && input !== null && (input as { kind?: unknown }).kind === 'Node';
  const nodes = single
    ? [parseInput(NodeSchema, input, what, hint)]
    : parseInput(NodeListSchema, input, what, hint).items;
  if (nodes.length === 0) {
    throw new InvalidInputError(what, [{ field: 'items', message: 'the list has no nodes' }], hint);
  }
  return nodes;
}
