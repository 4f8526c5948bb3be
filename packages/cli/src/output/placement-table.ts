import { gib } from '@switchyard/core';
import type { NodeClass, Placement } from '@switchyard/deploy';
import type { Palette } from './palette.js';
import { textTable } from './text-table.js';

/** Every node class with ✓ (chosen), ~ (could run it) or ✗, and why; skipped nodes after. */
export function placementTable(placement: Placement, columns: number, pc: Palette): string {
  const widths = [1, 38, 5, 12, Math.max(30, columns - 64)];
  const rows = placement.classes.map((verdict) => [
    verdict.chosen ? pc.green('✓') : verdict.fit ? pc.yellow('~') : pc.red('✗'),
    verdict.chosen ? pc.bold(verdict.nodeClass.name) : verdict.nodeClass.name,
    String(verdict.nodeClass.nodes.length),
    gpusPerNode(verdict.nodeClass),
    verdict.reasons.map((reason) => (verdict.fit ? reason : `- ${reason}`)).join('\n'),
  ]);
  const table = textTable(['', 'node class', 'nodes', 'GPUs/node', 'verdict'], rows, widths);
  const skipped = placement.skipped.map((node) => `  ${node.name}: ${node.reason}`);
  return skipped.length === 0 ? table : `${table}\n\nSkipped nodes:\n${skipped.join('\n')}`;
}

function gpusPerNode({ gpu, allocatableGpus }: NodeClass): string {
  if (!gpu) return '-';
  const memory = gpu.memoryMiB === undefined ? '' : ` × ${gib(gpu.memoryMiB * 2 ** 20)}`;
  return `${allocatableGpus}${memory}`;
}
