import { createHash, type Hash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import type { RepoFile } from '../remote/repo-listing.js';

/**
 * The hash that identifies a file's content on the hub: SHA-256 for LFS files (their LFS object
 * id), and git's blob id for small files kept in git, SHA-1 over `blob <size>\0` and the bytes.
 */
export function contentHash(file: RepoFile): Hash {
  if (file.sha256 !== undefined) return createHash('sha256');
  return createHash('sha1').update(`blob ${file.size}\0`);
}

/** The name of the file's blob in the cache: the id its content hashes to (or its Xet hash). */
export const contentId = (file: RepoFile) => file.sha256 ?? file.xetHash ?? file.gitOid;

/** Whether the content can be checked by hashing: an LFS or git id can, a bare Xet hash is not recomputed. */
export const hashable = (file: RepoFile) => file.sha256 !== undefined || file.xetHash === undefined;

/** Feeds a file's bytes (or its first `end` bytes) into `hash`. */
export async function hashFile(path: string, hash: Hash, end?: number): Promise<void> {
  if (end === 0) return;
  const stream = createReadStream(path, end === undefined ? {} : { end: end - 1 });
  for await (const chunk of stream) hash.update(chunk as Buffer);
}

/** Whether the file at `path` is exactly the listed content. */
export async function holdsContent(path: string, file: RepoFile): Promise<boolean> {
  if (!hashable(file)) return true;
  const hash = contentHash(file);
  await hashFile(path, hash);
  return hash.digest('hex') === contentId(file);
}
