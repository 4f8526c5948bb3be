import type { ModelFetcher } from '@switchyard/core';

/**
 * The hub fetcher for this run, with the hub, cache, token and offline switch of the environment
 * (`--offline` forces offline). The Hugging Face client loads only when a model is really fetched,
 * so commands that fetch nothing start as fast as before.
 */
export function hubFetcher(env: NodeJS.ProcessEnv, offline: boolean): ModelFetcher {
  let fetcher: Promise<ModelFetcher> | undefined;
  const load = () => {
    fetcher ??= import('@switchyard/hub').then(({ hubModelFetcher, hubSettings }) =>
      hubModelFetcher(hubSettings(env, offline ? { offline: true } : {})),
    );
    return fetcher;
  };
  return {
    // What hubRequestOf accepts: any spec with a hub id.
    canFetch: (spec) => spec.hubId !== undefined,
    fetch: async (spec, request) => (await load()).fetch(spec, request),
  };
}
