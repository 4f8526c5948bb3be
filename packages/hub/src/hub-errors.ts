import { SwitchyardError } from '@switchyard/core';

/** The hub answered 401 or 403: the repository is gated or private, and the token cannot open it. */
export class HubAccessDeniedError extends SwitchyardError {
  readonly repo: string;

  constructor(repo: string, endpoint: string, hadToken: boolean) {
    super(
      'HUB_ACCESS_DENIED',
      `${repo} is gated or private: the hub at ${endpoint} refused ${hadToken ? 'the token Switchyard sent' : 'to serve it without a token'}.`,
      {
        hint: hadToken
          ? `Accept the model's terms at ${endpoint}/${repo} with the account the token belongs to, or use a token with read access to it (HF_TOKEN, or \`hf auth login\`).`
          : `Accept the model's terms at ${endpoint}/${repo}, create a read token at ${endpoint}/settings/tokens, then set HF_TOKEN or run \`hf auth login\`.`,
      },
    );
    this.repo = repo;
  }
}

/** The repository, the revision or a file in it does not exist on the hub. */
export class HubNotFoundError extends SwitchyardError {
  /** The files that are not there, where the error is about files. */
  readonly missing: readonly string[];

  constructor(repo: string, what: string, hint: string, missing: readonly string[] = []) {
    super('HUB_NOT_FOUND', `${what} (repository ${repo}).`, { hint });
    this.missing = missing;
  }
}

/** The hub could not be reached, or broke off a download. */
export class HubUnreachableError extends SwitchyardError {
  constructor(endpoint: string, doing: string, cause: unknown) {
    super('HUB_UNREACHABLE', `Could not reach the hub at ${endpoint} while ${doing}: ${describeCause(cause)}.`, {
      hint: 'Check the network (or HF_ENDPOINT, for a mirror); a download that broke off resumes where it stopped when you run the command again. With the files already cached, add --offline (or set HF_HUB_OFFLINE=1).',
      cause,
    });
  }
}

/** Offline, and the cache lacks files the model needs. */
export class HubOfflineMissingError extends SwitchyardError {
  readonly missing: readonly string[];

  constructor(repo: string, missing: readonly string[], cacheDir: string) {
    super(
      'HUB_OFFLINE_MISSING',
      `Offline, and the cache at ${cacheDir} lacks ${missing.length === 1 ? 'a file' : 'files'} of ${repo}: ${missing.join(', ')}.`,
      { hint: `Run \`switchyard pull\` for this model while the hub is reachable, then launch it offline.` },
    );
    this.missing = missing;
  }
}

/** A downloaded file's bytes are not those the hub lists (size or SHA-256). */
export class HubChecksumError extends SwitchyardError {
  constructor(repo: string, path: string, detail: string) {
    super('HUB_CHECKSUM_MISMATCH', `${path} from ${repo} arrived damaged: ${detail}. It was deleted.`, {
      hint: 'Run the command again to fetch it anew; if it fails the same way, the mirror (HF_ENDPOINT) or a proxy is altering the file.',
    });
  }
}

function describeCause(cause: unknown): string {
  if (!(cause instanceof Error)) return String(cause);
  const inner = cause.cause instanceof Error ? cause.cause : undefined;
  const code = inner && 'code' in inner ? String(inner.code) : undefined;
  return code ? `${cause.message} (${code})` : inner ? `${cause.message}: ${inner.message}` : cause.message;
}
