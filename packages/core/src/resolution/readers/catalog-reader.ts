import type { Catalog } from '../../catalog/catalog.js';
import { catalogEntries } from '../../catalog/catalog-entry.js';
import type { CatalogModel } from '../../catalog/catalog-schema.js';
import { type CatalogFilters, narrowEntries } from '../../catalog/narrow-entries.js';
import type { ModelReader, ModelReading } from '../model-reader.js';

/** Every spec and quantization of a catalog model, narrowed by the format, size and quantization filters. */
export function catalogReading(model: CatalogModel, filters: CatalogFilters = {}): ModelReading {
  const entries = narrowEntries(model, catalogEntries(model), filters);
  const narrowed = [filters.format, filters.size, filters.quantization].some((filter) => filter !== undefined);
  return { specs: entries.map((entry) => entry.modelSpec), source: `${model.modelName} from the catalog`, narrowed };
}

/**
 * A reference to a catalog model (builtin or custom): every spec and quantization it comes in,
 * narrowed by the format, size and quantization options. Selection then picks the one that suits
 * the host. A reference with the `family` option describes a model of the caller's own instead.
 */
export function catalogReader(catalog: () => Promise<Catalog>): ModelReader {
  return {
    name: 'catalog',
    async read(reference, { options }) {
      if (options.family !== undefined) return undefined;
      const model = (await catalog()).get(reference);
      return model === undefined ? undefined : catalogReading(model, options);
    },
  };
}
