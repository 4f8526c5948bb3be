import { mkdir, open, rename, rm, stat } from 'node:fs/promises';
import { dirname } from 'node:path';
import { downloadFile } from '@huggingface/hub';
import { type FetchProgress, isSwitchyardError } from '@switchyard/core';
import type { RepoCache } from '../cache/cache-layout.js';
import { HubChecksumError, HubUnreachableError } from '../hub-errors.js';
import type { HubSettings } from '../hub-settings.js';
import { hubFetch } from '../remote/hub-fetch.js';
import type { RepoFile } from '../remote/repo-listing.js';
import { contentHash, contentId, hashable, hashFile, holdsContent } from './content-hash.js';

/** What happened to one file: already there, fetched, fetched from where an earlier try stopped, or fetched again because the cached copy was damaged. */
export type BlobOutcome = NonNullable<FetchProgress['outcome']>;

/** How far cached files are checked: their size, or their size and every byte's hash. */
export type Verify = 'size' | 'hash';

export interface FetchBlobInput {
  readonly settings: HubSettings;
  readonly cache: RepoCache;
  readonly commit: string;
  readonly file: RepoFile;
  readonly verify: Verify;
  /** Called as bytes arrive, with this file's bytes so far (including those of a resumed part). */
  readonly onBytes?: (received: number, fetched: number) => void;
  /** Called before a cached file is hashed, which takes a moment for large files. */
  readonly onVerifying?: () => void;
  readonly signal?: AbortSignal;
}

/**
 * Makes `blobs/<id>` hold the file's exact content. A cached blob that fails the check is deleted
 * and fetched again. A download resumes from `blobs/<id>.incomplete` (the same file huggingface_hub
 * resumes from) with a range request; the bytes are hashed as they arrive and the blob is moved into
 * place only when its size and hash are those the hub lists. The Hugging Face client fetches the
 * bytes (its Blob turns a slice into a range request, and it speaks the Xet protocol where the hub
 * stores a file that way); it neither resumes nor checks what it wrote, so that is done here.
 */
export async function fetchBlob(input: FetchBlobInput): Promise<BlobOutcome> {
  const { cache, file } = input;
  const blob = cache.blob(contentId(file));
  const cached = await sizeOf(blob);
  let damaged = false;
  if (cached !== undefined) {
    if (cached === file.size && input.verify === 'size') return 'present';
    if (cached === file.size) {
      input.onVerifying?.();
      if (await holdsContent(blob, file)) return 'present';
    }
    damaged = true;
    await rm(blob, { force: true });
  }
  await mkdir(dirname(blob), { recursive: true });
  const resumedFrom = await download(input, true);
  await rename(cache.incomplete(contentId(file)), blob);
  return damaged ? 'replaced' : resumedFrom > 0 ? 'resumed' : 'downloaded';
}

/** Downloads into the `.incomplete` file, resuming it; returns where it resumed from. */
async function download(input: FetchBlobInput, mayRetry: boolean): Promise<number> {
  const { settings, cache, file } = input;
  const partial = cache.incomplete(contentId(file));
  let have = (await sizeOf(partial)) ?? 0;
  if (have > file.size) {
    await rm(partial, { force: true });
    have = 0;
  }
  const hash = contentHash(file);
  await hashFile(partial, hash, have);
  const resumedFrom = have;
  if (have < file.size) {
    const content = await downloadFile({
      repo: cache.repo,
      path: file.path,
      revision: input.commit,
      hubUrl: settings.endpoint,
      fetch: hubFetch(settings, cache.repo),
    });
    if (content === null) throw new HubUnreachableError(settings.endpoint, `downloading ${file.path}`, 'no content');
    const handle = await open(partial, 'a');
    try {
      const reader = (have > 0 ? content.slice(have) : content).stream().getReader();
      for (;;) {
        input.signal?.throwIfAborted();
        const { done, value } = await reader.read();
        if (done) break;
        await handle.write(value);
        hash.update(value);
        have += value.byteLength;
        input.onBytes?.(have, have - resumedFrom);
      }
    } catch (error) {
      if (isSwitchyardError(error) || input.signal?.aborted) throw error;
      throw new HubUnreachableError(
        settings.endpoint,
        `downloading ${file.path} from ${cache.repo} (stopped at ${have} of ${file.size} bytes)`,
        error instanceof Error ? error : new Error(String(error)),
      );
    } finally {
      await handle.close();
    }
  }
  const digest = hash.digest('hex');
  if (have === file.size && (digest === contentId(file) || !hashable(file))) return resumedFrom;
  await rm(partial, { force: true });
  // The part kept from an earlier try may be what was wrong: fetch the whole file once more.
  if (resumedFrom > 0 && mayRetry) {
    await download(input, false);
    return 0;
  }
  const detail =
    have !== file.size
      ? `the hub lists ${file.size} bytes, ${have} arrived`
      : `its ${file.sha256 === undefined ? 'git blob id' : 'SHA-256'} is ${digest}, the hub lists ${contentId(file)}`;
  throw new HubChecksumError(cache.repo, file.path, detail);
}

async function sizeOf(path: string): Promise<number | undefined> {
  try {
    return (await stat(path)).size;
  } catch {
    return undefined;
  }
}
