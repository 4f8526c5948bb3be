import { HubAccessDeniedError, HubNotFoundError, HubUnreachableError } from '../hub-errors.js';
import type { HubSettings } from '../hub-settings.js';

/**
 * The `fetch` the Hugging Face client is given. It adds the token to requests for the hub's own
 * origin only (fetch drops it on redirects to another origin, such as the CDN that serves LFS
 * files), so the token never leaves for anywhere else and the client never holds it; and it turns
 * the hub's refusals into errors that say what to do, naming the repository and the file.
 */
export function hubFetch(settings: HubSettings, repo: string): typeof fetch {
  const hubOrigin = new URL(settings.endpoint).origin;
  return async (input, init) => {
    const url = new URL(input instanceof Request ? input.url : String(input));
    const headers = new Headers(init?.headers);
    const token = url.origin === hubOrigin ? await settings.token() : undefined;
    if (token !== undefined) headers.set('Authorization', `Bearer ${token}`);
    let response: Response;
    try {
      response = await fetch(input, { ...init, headers });
    } catch (error) {
      throw new HubUnreachableError(settings.endpoint, describeRequest(url, repo), error);
    }
    if (response.status === 401 || response.status === 403) {
      await response.body?.cancel();
      throw new HubAccessDeniedError(repo, settings.endpoint, token !== undefined);
    }
    if (response.status === 404) {
      await response.body?.cancel();
      throw notFound(repo, url, response.headers.get('X-Error-Code'), settings.endpoint);
    }
    return response;
  };
}

/** What a request was for, in words, from its path. */
function describeRequest(url: URL, repo: string): string {
  const file = fileOf(url, repo);
  if (file !== undefined) return `downloading ${file} from ${repo}`;
  return url.pathname.includes('/tree/') ? `listing the files of ${repo}` : `looking up ${repo}`;
}

/** The file a `/{repo}/resolve/{revision}/{file}` URL names. */
function fileOf(url: URL, repo: string): string | undefined {
  const prefix = `/${repo}/resolve/`;
  if (!url.pathname.startsWith(prefix)) return undefined;
  const rest = url.pathname.slice(prefix.length);
  return decodeURIComponent(rest.slice(rest.indexOf('/') + 1));
}

function notFound(repo: string, url: URL, errorCode: string | null, endpoint: string): HubNotFoundError {
  const file = fileOf(url, repo);
  if (errorCode === 'RevisionNotFound') {
    return new HubNotFoundError(
      repo,
      'The hub has no such revision',
      `See the branches and tags at ${endpoint}/${repo}.`,
    );
  }
  if (file !== undefined && errorCode !== 'RepoNotFound') {
    return new HubNotFoundError(
      repo,
      `The hub has no file ${file}`,
      `See the files at ${endpoint}/${repo}/tree/main, and name one that exists (--file), or another quantization.`,
    );
  }
  return new HubNotFoundError(
    repo,
    `The hub at ${endpoint} has no model ${repo}`,
    'Check the spelling of the id (organisation/name, as on the model page).',
  );
}
