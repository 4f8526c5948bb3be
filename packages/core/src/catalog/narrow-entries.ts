import { InvalidInputError } from '../errors/invalid-input-error.js';
import { toModelFormat } from '../spec/model-format.js';
import { parseSizeInBillions } from '../spec/model-size.js';
import { normalizeQuantization } from '../spec/quantization.js';
import type { CatalogEntry } from './catalog-entry.js';
import type { CatalogModel } from './catalog-schema.js';

/** What `--format`, `--size` and `--quantization` ask of a catalog model. */
export interface CatalogFilters {
  readonly format?: string;
  readonly size?: string | number;
  readonly quantization?: string;
}

/**
 * The entries that match every filter, applied in the order format, size, quantization. When a
 * filter leaves nothing, the error names it and lists what the catalog has given the earlier ones.
 */
export function narrowEntries(
  model: CatalogModel,
  entries: readonly CatalogEntry[],
  filters: CatalogFilters,
): readonly CatalogEntry[] {
  let remaining = entries;
  const chosen: string[] = [];
  /** `missing` completes "<model> has no <chosen…> …"; the message then lists what there is. */
  const fail = (field: string, missing: string, available: readonly string[]): never => {
    const scope = chosen.join(' ');
    throw new InvalidInputError(
      `choice for ${model.modelName}`,
      [
        {
          field,
          message: `${model.modelName} has no ${missing}; ${scope ? `its ${scope} specs come` : 'it comes'} in ${[...new Set(available)].join(', ')}`,
        },
      ],
      `Pick one of those, or run \`switchyard engines ${model.modelName}\` to see every spec and which engine can run it here.`,
    );
  };

  if (filters.format !== undefined) {
    const format = toModelFormat(filters.format) ?? filters.format.trim().toLowerCase();
    const next = remaining.filter((entry) => entry.spec.format === format);
    if (next.length === 0) {
      fail(
        'format',
        `${format} spec`,
        remaining.map((entry) => entry.spec.format),
      );
    }
    remaining = next;
    chosen.push(format);
  }

  if (filters.size !== undefined) {
    const size = parseSizeInBillions(filters.size);
    if (size === undefined) {
      throw new InvalidInputError(
        'size',
        [{ field: 'size', message: `"${filters.size}" is not a size in billions of parameters; write e.g. 7 or 1_5` }],
        'Give `size` as a number of billions, or leave it out to consider every size.',
      );
    }
    const next = remaining.filter((entry) => entry.spec.sizeInBillions === size);
    if (next.length === 0) {
      const sizes = [...new Set(remaining.map((entry) => entry.spec.sizeInBillions))].sort((a, b) => a - b);
      fail(
        'size',
        [...chosen, `spec of ${size}B`].join(' '),
        sizes.map((s) => `${s}B`),
      );
    }
    remaining = next;
    chosen.push(`${size}B`);
  }

  if (filters.quantization !== undefined) {
    const wanted = filters.quantization;
    const next = remaining.filter(
      (entry) => normalizeQuantization(entry.spec.format, wanted) === entry.modelSpec.quantization,
    );
    if (next.length === 0) {
      fail(
        'quantization',
        [...chosen, `spec quantized ${wanted}`].join(' '),
        remaining.map((entry) => entry.modelSpec.quantization),
      );
    }
    remaining = next;
  }
  return remaining;
}
