import { stringify } from 'yaml';
import type { Manifest } from './validate-manifest.js';

export type ManifestFormat = 'yaml' | 'json';

/** The manifests for `kubectl apply -f -`: YAML documents, or one JSON `List`. */
export function renderManifests(manifests: readonly Manifest[], format: ManifestFormat = 'yaml'): string {
  if (format === 'json') return `${JSON.stringify({ apiVersion: 'v1', kind: 'List', items: manifests }, null, 2)}\n`;
  // Long args stay on one line each, and shared objects are written out rather than as YAML aliases.
  return manifests.map((manifest) => stringify(manifest, { lineWidth: 0, aliasDuplicateObjects: false })).join('---\n');
}
