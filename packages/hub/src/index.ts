export { repoFolderName } from './cache/cache-layout.js';
export { type CachedModel, listCachedModels, removeCachedModel } from './cache/pulled-models.js';
export type { BlobOutcome, Verify } from './download/fetch-blob.js';
export { type HubGgufModel, readHubGgufModel } from './files/hub-model-spec.js';
export { hubRequestOf, parseHubReference } from './files/hub-reference.js';
export type { HubModelRequest, ModelFiles } from './files/model-files.js';
export { findCachedModel } from './find-cached-model.js';
export {
  HubAccessDeniedError,
  HubChecksumError,
  HubNotFoundError,
  HubOfflineMissingError,
  HubUnreachableError,
} from './hub-errors.js';
export { hubModelFetcher } from './hub-model-fetcher.js';
export { hubModelReader } from './hub-model-reader.js';
export { DEFAULT_ENDPOINT, type HubSettings, hubSettings } from './hub-settings.js';
export { type PulledFile, type PulledModel, type PullOptions, type PullProgress, pullModel } from './pull-model.js';
export { listRepo, type RepoFile, type RepoListing } from './remote/repo-listing.js';
