import { copyFile, mkdir, rm, symlink } from 'node:fs/promises';
import { dirname, relative } from 'node:path';
import type { RepoCache } from './cache-layout.js';

/**
 * Points `snapshots/<commit>/<path>` at its blob with a relative symlink, as huggingface_hub does
 * (so the cache can be moved whole); where the file system refuses symlinks, a copy.
 */
export async function linkSnapshot(cache: RepoCache, commit: string, path: string, blobId: string): Promise<string> {
  const link = cache.file(commit, path);
  const blob = cache.blob(blobId);
  await mkdir(dirname(link), { recursive: true });
  await rm(link, { force: true });
  try {
    await symlink(relative(dirname(link), blob), link);
  } catch {
    await copyFile(blob, link);
  }
  return link;
}
