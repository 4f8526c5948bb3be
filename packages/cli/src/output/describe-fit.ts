import { describeMemoryPlan, type Selection } from '@switchyard/core';

/**
 * The selection's memory plan in two lines under a label, e.g.
 * `Memory:    14.9 GiB of weights + … = 21.6 GiB` then `           on GPU 0: …`; nothing when the
 * memory policy made no plan.
 */
export function describeFit(selection: Selection, label: string): string {
  const plan = selection.fit.plan;
  if (!plan) return '';
  const [what, where] = describeMemoryPlan(plan);
  return `${label}${what}\n${' '.repeat(label.length)}${where}\n`;
}
