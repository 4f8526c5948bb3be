import type { ModelFetcher, ModelReader } from '@switchyard/core';

type Hub = typeof import('@switchyard/hub');

/**
 * The hub's fetcher and reader for this run, with the hub, cache, token and offline switch of the
 * environment (`--offline` forces offline). The Hugging Face client loads only when a hub id is
 * read or a model fetched, so other commands start as fast as before.
 */
export function hubServices(env: NodeJS.ProcessEnv, offline: boolean): { fetcher: ModelFetcher; reader: ModelReader } {
  let hub: Promise<{ fetcher: ModelFetcher; reader: ModelReader }> | undefined;
  const load = () => {
    hub ??= import('@switchyard/hub').then(({ hubModelFetcher, hubModelReader, hubSettings }: Hub) => {
      const settings = hubSettings(env, offline ? { offline: true } : {});
      return { fetcher: hubModelFetcher(settings), reader: hubModelReader(settings) };
    });
    return hub;
  };
  return {
    fetcher: {
      // What hubRequestOf accepts: any spec with a hub id.
      canFetch: (spec) => spec.hubId !== undefined,
      fetch: async (spec, request) => (await load()).fetcher.fetch(spec, request),
    },
    reader: {
      name: 'hub',
      // Only a reference shaped like org/name can be a hub id; the reader itself decides.
      read: async (reference, context) =>
        /^[\w-][\w.-]*\/[\w.-]+(:[\w.-]+)?$/.test(reference)
          ? (await load()).reader.read(reference, context)
          : undefined,
    },
  };
}
