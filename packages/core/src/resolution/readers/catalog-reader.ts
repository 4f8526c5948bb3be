import type { Catalog } from '../../catalog/catalog.js';
import { catalogEntries } from '../../catalog/catalog-entry.js';
import { narrowEntries } from '../../catalog/narrow-entries.js';
import type { ModelReader } from '../model-reader.js';

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
      if (!model) return undefined;
      const entries = narrowEntries(model, catalogEntries(model), options);
      const narrowed = [options.format, options.size, options.quantization].some((option) => option !== undefined);
      return {
        specs: entries.map((entry) => entry.modelSpec),
        source: `${model.modelName} from the catalog`,
        narrowed,
      };
    },
  };
}
