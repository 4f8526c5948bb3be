import { mkdir, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { FetchProgress } from '@switchyard/core';
import { RepoCache } from './cache/cache-layout.js';
import { linkSnapshot } from './cache/link-snapshot.js';
import { contentId } from './download/content-hash.js';
import { type BlobOutcome, fetchBlob, type Verify } from './download/fetch-blob.js';
import { chooseModelFiles, type HubModelRequest, type ModelFiles } from './files/model-files.js';
import { findCachedModel } from './find-cached-model.js';
import { type HubSettings, hubSettings } from './hub-settings.js';
import { listRepo, type RepoFile } from './remote/repo-listing.js';

/** Where a pull stands, for a progress display. */
export interface PullProgress extends FetchProgress {
  readonly repo: string;
}

export interface PullOptions {
  /** The hub, cache, token and offline switch; read from the environment by default. */
  readonly settings?: HubSettings;
  /** How cached files are checked: `hash` (every byte, the default for `pull`) or `size`. */
  readonly verify?: Verify;
  readonly onProgress?: (progress: PullProgress) => void;
  readonly signal?: AbortSignal;
}

export interface PulledFile {
  /** Path in the repository. */
  readonly path: string;
  /** Its path in the cache (a snapshot link). */
  readonly localPath: string;
  /** Bytes; unknown offline for files whose link is all there is to read. */
  readonly size: number;
  readonly outcome: BlobOutcome;
}

/** A model in the cache, ready for an engine. */
export interface PulledModel {
  readonly repo: string;
  readonly commit: string;
  readonly kind: ModelFiles['kind'];
  /** What an engine is given: the GGUF file (the first shard) or the snapshot folder. */
  readonly path: string;
  readonly files: readonly PulledFile[];
  /** Bytes of every file. */
  readonly bytes: number;
  /** Bytes received from the network by this pull. */
  readonly fetchedBytes: number;
}

/**
 * Brings the files the model needs into the cache and returns where they are. Online, the hub's
 * listing says which files and what their content must be; each missing, partial or damaged file is
 * fetched, and `refs/<revision>` records the commit. Offline (`settings.offline`, `HF_HUB_OFFLINE`)
 * the cache alone answers, and a missing file is an error naming it.
 */
export async function pullModel(request: HubModelRequest, options: PullOptions = {}): Promise<PulledModel> {
  const settings = options.settings ?? hubSettings();
  if (settings.offline) return findCachedModel(request, settings);
  const listing = await listRepo(settings, request.repo, request.revision ?? 'main');
  const chosen = chooseModelFiles(
    listing.files.map((file) => file.path),
    request,
    settings.endpoint,
  );
  const byPath = new Map(listing.files.map((file) => [file.path, file]));
  const files = chosen.paths.map((path) => byPath.get(path)).filter((file): file is RepoFile => file !== undefined);
  const cache = new RepoCache(settings.cacheDir, request.repo);
  const bytesTotal = files.reduce((sum, file) => sum + file.size, 0);
  let bytesDone = 0;
  let bytesFetched = 0;
  const pulled: PulledFile[] = [];
  for (const file of files) {
    const report = (stage: PullProgress['stage'], current = 0, outcome?: BlobOutcome) =>
      options.onProgress?.({
        repo: request.repo,
        path: file.path,
        stage,
        bytesDone: bytesDone + current,
        bytesTotal,
        bytesFetched,
        ...(outcome === undefined ? {} : { outcome }),
      });
    const fetchedBefore = bytesFetched;
    const outcome = await fetchBlob({
      settings,
      cache,
      commit: listing.commit,
      file,
      verify: options.verify ?? 'hash',
      ...(options.signal === undefined ? {} : { signal: options.signal }),
      onVerifying: () => report('verifying'),
      onBytes: (received, fetched) => {
        bytesFetched = fetchedBefore + fetched;
        report('downloading', received);
      },
    });
    const localPath = await linkSnapshot(cache, listing.commit, file.path, contentId(file));
    bytesDone += file.size;
    report('done', 0, outcome);
    pulled.push({ path: file.path, localPath, size: file.size, outcome });
  }
  if (listing.revision !== listing.commit) {
    await mkdir(dirname(cache.ref(listing.revision)), { recursive: true });
    await writeFile(cache.ref(listing.revision), listing.commit);
  }
  return {
    repo: request.repo,
    commit: listing.commit,
    kind: chosen.kind,
    path: chosen.entry === undefined ? cache.snapshot(listing.commit) : cache.file(listing.commit, chosen.entry),
    files: pulled,
    bytes: bytesTotal,
    fetchedBytes: bytesFetched,
  };
}
