import type { FetchRequest, ModelFetcher, ModelSpec } from '@switchyard/core';
import { RepoCache } from './cache/cache-layout.js';
import { hubRequestOf } from './files/hub-reference.js';
import { findCachedModel } from './find-cached-model.js';
import { HubOfflineMissingError } from './hub-errors.js';
import { type HubSettings, hubSettings } from './hub-settings.js';
import { pullModel } from './pull-model.js';

/**
 * The model fetcher a Switchyard instance uses when the chosen engine loads only local files:
 * `createSwitchyard({ plugins, fetcher: hubModelFetcher() })`. Launching pulls the spec's files
 * (cached files are checked by size, not re-hashed: `switchyard pull` does that); planning finds
 * the cached copy, or names where a pull will put the files, and touches no network.
 */
export function hubModelFetcher(settings: HubSettings = hubSettings()): ModelFetcher {
  return {
    canFetch: (spec) => hubRequestOf(spec) !== undefined,
    async fetch(spec: ModelSpec, request: FetchRequest): Promise<ModelSpec> {
      const wanted = hubRequestOf(spec);
      if (wanted === undefined) return spec;
      if (request.download) {
        const pulled = await pullModel(wanted, {
          settings,
          verify: 'size',
          ...(request.signal === undefined ? {} : { signal: request.signal }),
          ...(request.onProgress === undefined ? {} : { onProgress: request.onProgress }),
        });
        return { ...spec, modelPath: pulled.path };
      }
      try {
        return { ...spec, modelPath: (await findCachedModel(wanted, settings)).path };
      } catch (error) {
        if (!(error instanceof HubOfflineMissingError) || settings.offline) throw error;
      }
      // Not pulled yet: where a pull will put it, with the revision standing for the commit it
      // will resolve to (a plan touches no network).
      const revision = wanted.revision ?? 'main';
      const place = new RepoCache(settings.cacheDir, wanted.repo);
      return {
        ...spec,
        modelPath: wanted.file ? place.file(`<${revision}>`, wanted.file) : place.snapshot(`<${revision}>`),
      };
    },
  };
}
