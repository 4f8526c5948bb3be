import { listFiles, modelInfo } from '@huggingface/hub';
import type { HubSettings } from '../hub-settings.js';
import { hubFetch } from './hub-fetch.js';

/** One file of a repository, as the hub lists it. */
export interface RepoFile {
  /** Path inside the repository, with `/` between folders. */
  readonly path: string;
  readonly size: number;
  /** The git blob id (SHA-1 of the git object); the file's id for files kept in git itself. */
  readonly gitOid: string;
  /** The SHA-256 of the content, for files kept in LFS (weights): their id in the cache. */
  readonly sha256?: string;
  /**
   * The Xet hash, for a file the hub lists only in Xet storage (no LFS id): its id in the cache;
   * such a file is checked by size alone.
   */
  readonly xetHash?: string;
}

/** A repository at one commit, with every file in it. */
export interface RepoListing {
  readonly repo: string;
  /** The branch, tag or commit asked for. */
  readonly revision: string;
  /** The commit it stands for, which names the snapshot folder in the cache. */
  readonly commit: string;
  readonly files: readonly RepoFile[];
}

/**
 * Asks the hub which commit `revision` is and lists every file at that commit, with sizes and
 * content ids: enough to know what a model weighs and to check each byte fetched, before any
 * download starts.
 */
export async function listRepo(settings: HubSettings, repo: string, revision = 'main'): Promise<RepoListing> {
  const fetch = hubFetch(settings, repo);
  const info = await modelInfo({ name: repo, revision, hubUrl: settings.endpoint, fetch, additionalFields: ['sha'] });
  const commit = info.sha;
  const files: RepoFile[] = [];
  for await (const entry of listFiles({ repo, revision: commit, recursive: true, hubUrl: settings.endpoint, fetch })) {
    if (entry.type !== 'file') continue;
    files.push({
      path: entry.path,
      size: entry.lfs?.size ?? entry.size,
      gitOid: entry.oid ?? '',
      ...(entry.lfs ? { sha256: entry.lfs.oid } : entry.xetHash ? { xetHash: entry.xetHash } : {}),
    });
  }
  return { repo, revision, commit, files };
}
