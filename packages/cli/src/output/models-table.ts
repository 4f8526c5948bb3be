import type { CatalogModel } from '@switchyard/core';
import { listSizes } from './list-sizes.js';
import { textTable } from './text-table.js';

/** One row per model: name (and family for custom models), abilities, context, formats and sizes. */
export function modelsTable(models: readonly CatalogModel[], columns: number): string {
  const widths = [30, 24, 7, 30, Math.max(16, columns - 99)];
  return textTable(
    ['model', 'abilities', 'context', 'formats', 'sizes'],
    models.map((model) => [
      model.modelFamily ? `${model.modelName} (family ${model.modelFamily})` : model.modelName,
      model.abilities.join(', '),
      model.contextLength === undefined ? '' : String(model.contextLength),
      [...new Set(model.specs.map((spec) => spec.format))].join(', '),
      listSizes(model.specs.map((spec) => spec.sizeInBillions)),
    ]),
    widths,
  );
}
