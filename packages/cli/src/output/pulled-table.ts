import type { CachedModel } from '@switchyard/hub';
import { bytes } from './byte-sizes.js';
import { textTable } from './text-table.js';

/** One row per cached repository: its id, size, file count and the revisions held. */
export function pulledTable(models: readonly CachedModel[]): string {
  const widths = [Math.max(10, ...models.map((model) => model.repo.length)), 10, 6, 40];
  return textTable(
    ['model', 'size', 'files', 'revisions'],
    models.map((model) => [
      model.repo,
      bytes(model.bytes),
      String(model.files),
      model.revisions
        .map(
          (revision) =>
            `${revision.commit.slice(0, 12)}${revision.refs.length > 0 ? ` (${revision.refs.join(', ')})` : ''}`,
        )
        .join(', '),
    ]),
    widths,
  );
}
