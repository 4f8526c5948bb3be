import { rm, stat } from 'node:fs/promises';
import { scanCacheDir } from '@huggingface/hub';
import { InvalidInputError } from '@switchyard/core';
import type { HubSettings } from '../hub-settings.js';
import { RepoCache } from './cache-layout.js';

/** One model repository in the cache. */
export interface CachedModel {
  /** `org/name`. */
  readonly repo: string;
  /** Its folder in the cache. */
  readonly path: string;
  /** Bytes on disk (each blob once, however many snapshots link to it). */
  readonly bytes: number;
  readonly files: number;
  /** Each cached commit with the refs (branches, tags) that point at it. */
  readonly revisions: readonly { readonly commit: string; readonly refs: readonly string[] }[];
  readonly lastModified: Date;
}

/**
 * The model repositories in the cache, whoever fetched them (Switchyard, vLLM, transformers, the
 * `hf` command), largest first; read with the Hugging Face client's cache scan.
 */
export async function listCachedModels(settings: HubSettings): Promise<CachedModel[]> {
  if (!(await isFolder(settings.cacheDir))) return [];
  const scan = await scanCacheDir(settings.cacheDir);
  return scan.repos
    .filter((repo) => repo.id.type === 'model')
    .map((repo) => ({
      repo: repo.id.name,
      path: repo.path,
      bytes: repo.size,
      files: repo.filesCount,
      revisions: repo.revisions.map((revision) => ({ commit: revision.commitOid, refs: revision.refs })),
      lastModified: repo.lastModifiedAt,
    }))
    .sort((a, b) => b.bytes - a.bytes || a.repo.localeCompare(b.repo));
}

/**
 * Deletes a model repository from the cache (blobs, snapshots, refs and partial downloads) and
 * returns the bytes it held. A repository that is not cached is an input error listing those that are.
 */
export async function removeCachedModel(settings: HubSettings, repo: string): Promise<number> {
  const cached = await listCachedModels(settings);
  const found = cached.find((model) => model.repo === repo);
  const folder = new RepoCache(settings.cacheDir, repo).folder;
  if (found === undefined && !(await isFolder(folder))) {
    throw new InvalidInputError(
      'switchyard rm',
      [
        {
          field: 'MODEL',
          message: `${repo} is not in the cache at ${settings.cacheDir}${cached.length > 0 ? `; it holds ${cached.map((model) => model.repo).join(', ')}` : ', which holds no model'}`,
        },
      ],
      '`switchyard models --pulled` lists what the cache holds.',
    );
  }
  await rm(folder, { recursive: true, force: true });
  return found?.bytes ?? 0;
}

async function isFolder(path: string): Promise<boolean> {
  return (await stat(path).catch(() => undefined))?.isDirectory() ?? false;
}
