import { join } from 'node:path';

/**
 * The Hugging Face cache layout, as huggingface_hub writes it, so that vLLM, SGLang, transformers
 * and llama.cpp find what Switchyard fetched, and Switchyard finds what they fetched:
 *
 * ```
 * models--org--name/
 *   blobs/<id>                 the content; id = SHA-256 for LFS files, the git blob id otherwise
 *   blobs/<id>.incomplete      a download in progress (resumed from where it stopped)
 *   refs/main                  the commit the branch pointed at when last fetched
 *   snapshots/<commit>/<path>  relative symlinks to the blobs
 * ```
 */
export class RepoCache {
  /** The repository's folder in the cache. */
  readonly folder: string;

  constructor(
    readonly cacheDir: string,
    readonly repo: string,
  ) {
    this.folder = join(cacheDir, repoFolderName(repo));
  }

  blob(id: string): string {
    return join(this.folder, 'blobs', id);
  }

  incomplete(id: string): string {
    return `${this.blob(id)}.incomplete`;
  }

  ref(revision: string): string {
    return join(this.folder, 'refs', revision);
  }

  snapshot(commit: string): string {
    return join(this.folder, 'snapshots', commit);
  }

  file(commit: string, path: string): string {
    return join(this.snapshot(commit), ...path.split('/'));
  }
}

/** `org/name` → `models--org--name`. */
export const repoFolderName = (repo: string) => ['models', ...repo.split('/')].join('--');

/** `models--org--name` → `org/name`; undefined for folders that are not model repositories. */
export function repoOfFolder(folder: string): string | undefined {
  const [kind, ...parts] = folder.split('--');
  return kind === 'models' && parts.length >= 1 ? parts.join('/') : undefined;
}
