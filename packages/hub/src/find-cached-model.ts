import { readdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { RepoCache } from './cache/cache-layout.js';
import { chooseModelFiles, type HubModelRequest } from './files/model-files.js';
import { HubNotFoundError, HubOfflineMissingError } from './hub-errors.js';
import type { HubSettings } from './hub-settings.js';
import type { PulledFile, PulledModel } from './pull-model.js';

const COMMIT = /^[0-9a-f]{40}$/;

/**
 * The model as the cache holds it, without the network: the commit `refs/<revision>` names, and the
 * files of its snapshot an engine needs (a broken link counts as missing). Throws
 * HubOfflineMissingError naming what is missing.
 */
export async function findCachedModel(request: HubModelRequest, settings: HubSettings): Promise<PulledModel> {
  const cache = new RepoCache(settings.cacheDir, request.repo);
  const revision = request.revision ?? 'main';
  const commit = COMMIT.test(revision) ? revision : await readRef(cache, revision);
  const missing = (files: readonly string[]) => new HubOfflineMissingError(request.repo, files, settings.cacheDir);
  if (commit === undefined) throw missing([`every file (it was never pulled: no refs/${revision})`]);
  const present = await filesIn(cache.snapshot(commit));
  let chosen: ReturnType<typeof chooseModelFiles>;
  try {
    chosen = chooseModelFiles([...present.keys()], request, settings.endpoint);
  } catch (error) {
    if (error instanceof HubNotFoundError) throw missing(error.missing.length > 0 ? error.missing : [error.message]);
    throw error;
  }
  const weights = chosen.kind === 'folder' ? await indexedWeights(cache.snapshot(commit), chosen.paths) : [];
  const absent = [...chosen.paths, ...weights].filter((path) => !present.has(path));
  if (absent.length > 0) throw missing(absent);
  const files: PulledFile[] = chosen.paths.map((path) => ({
    path,
    localPath: cache.file(commit, path),
    size: present.get(path) ?? 0,
    outcome: 'present',
  }));
  return {
    repo: request.repo,
    commit,
    kind: chosen.kind,
    path: chosen.entry === undefined ? cache.snapshot(commit) : cache.file(commit, chosen.entry),
    files,
    bytes: files.reduce((sum, file) => sum + file.size, 0),
    fetchedBytes: 0,
  };
}

async function readRef(cache: RepoCache, revision: string): Promise<string | undefined> {
  try {
    const commit = (await readFile(cache.ref(revision), 'utf8')).trim();
    return COMMIT.test(commit) ? commit : undefined;
  } catch {
    return undefined;
  }
}

/** Every file under a snapshot whose content is there, by repository path, with its size. */
async function filesIn(folder: string): Promise<Map<string, number>> {
  const found = new Map<string, number>();
  let entries: string[];
  try {
    entries = await readdir(folder, { recursive: true });
  } catch {
    return found;
  }
  await Promise.all(
    entries.map(async (entry) => {
      const info = await stat(join(folder, entry)).catch(() => undefined);
      if (info?.isFile()) found.set(entry.split(/[\\/]/).join('/'), info.size);
    }),
  );
  return found;
}

/**
 * The weight files a sharded folder's index names (the `weight_map` of `model.safetensors.index.json`,
 * or of the `.bin` index for a folder without safetensors).
 */
async function indexedWeights(folder: string, paths: readonly string[]): Promise<string[]> {
  const format = paths.some((path) => path.endsWith('.safetensors')) ? 'safetensors' : 'bin';
  const indexes = paths.filter((path) => path.endsWith(`.${format}.index.json`));
  const named = await Promise.all(
    indexes.map(async (index) => {
      try {
        const { weight_map: map } = JSON.parse(await readFile(join(folder, index), 'utf8')) as {
          weight_map?: Record<string, string>;
        };
        return Object.values(map ?? {});
      } catch {
        return [];
      }
    }),
  );
  return [...new Set(named.flat())];
}
