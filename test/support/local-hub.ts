import { createHash, randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A Hugging Face hub on loopback that answers the routes the official client uses, as the real hub
 * answers them: model info with the commit (`/api/models/{repo}/revision/{rev}`), the file tree
 * with git and LFS ids (`/api/models/{repo}/tree/{rev}`), and downloads
 * (`/{repo}/resolve/{rev}/{path}`) with ranges, where LFS files redirect to a CDN on another origin
 * (`localhost` instead of `127.0.0.1`), as the hub's do. Gated repositories answer 401 without a
 * token and 403 with the wrong one; missing repositories and files answer 404 with the hub's
 * `X-Error-Code`. Every request is recorded, with whether it carried a token.
 */
export interface LocalHub {
  /** The value for HF_ENDPOINT. */
  readonly endpoint: string;
  readonly requests: HubRequest[];
  /** Adds (or replaces) a repository; returns its commit id. */
  addRepo(repo: string, files: Readonly<Record<string, Uint8Array | string>>, options?: RepoOptions): string;
  /** The next download of `path` breaks off after `bytes` bytes (once). */
  breakNextDownload(path: string, bytes: number): void;
  /** The SHA-256 the hub lists for an LFS file. */
  sha256(repo: string, path: string): string;
  close(): Promise<void>;
}

export interface RepoOptions {
  /** Only this token may read it. */
  readonly gatedToken?: string;
}

export interface HubRequest {
  readonly method: string;
  /** Path and query, on the hub or the CDN. */
  readonly url: string;
  readonly cdn: boolean;
  readonly range?: string;
  readonly authorization?: string;
}

interface HubFile {
  readonly content: Buffer;
  readonly gitOid: string;
  readonly sha256?: string;
}

interface Repo {
  readonly commit: string;
  readonly files: Map<string, HubFile>;
  readonly gatedToken?: string;
}

/** The hub keeps these in LFS (its default .gitattributes). */
const LFS = /\.(gguf|safetensors|bin|pt|pth)$/;

export async function startLocalHub(): Promise<LocalHub> {
  const repos = new Map<string, Repo>();
  const requests: HubRequest[] = [];
  const breaks = new Map<string, number>();

  const cdn = await listen(createServer((req, res) => serveCdn(req, res)));
  const hub = await listen(createServer((req, res) => serveHub(req, res)));
  const hubPort = (hub.address() as AddressInfo).port;
  const cdnPort = (cdn.address() as AddressInfo).port;

  function record(req: IncomingMessage, isCdn: boolean) {
    requests.push({
      method: req.method ?? 'GET',
      url: req.url ?? '',
      cdn: isCdn,
      ...(req.headers.range ? { range: req.headers.range } : {}),
      ...(req.headers.authorization ? { authorization: req.headers.authorization } : {}),
    });
  }

  function serveHub(req: IncomingMessage, res: ServerResponse) {
    record(req, false);
    const url = new URL(req.url ?? '/', 'http://hub');
    const api = /^\/api\/models\/([^/]+\/[^/]+)\/(revision|tree)\/([^/]+)\/?$/.exec(url.pathname);
    const resolve = /^\/([^/]+\/[^/]+)\/resolve\/([^/]+)\/(.+)$/.exec(url.pathname);
    const repoId = api?.[1] ?? resolve?.[1];
    const repo = repoId === undefined ? undefined : repos.get(repoId);
    if (repo === undefined) return fail(res, 404, 'RepoNotFound', 'Repository not found');
    if (repo.gatedToken !== undefined && req.headers.authorization !== `Bearer ${repo.gatedToken}`) {
      return req.headers.authorization
        ? fail(res, 403, 'GatedRepo', 'Access to this model is restricted')
        : fail(res, 401, 'GatedRepo', 'Access to this model is restricted. You must be authenticated.');
    }
    const revision = decodeURIComponent(api?.[3] ?? resolve?.[2] ?? '');
    if (!['main', 'HEAD', repo.commit].includes(revision)) return fail(res, 404, 'RevisionNotFound', 'Invalid rev');
    if (api?.[2] === 'revision') {
      return json(res, {
        _id: repoId,
        id: repoId,
        sha: repo.commit,
        private: false,
        gated: false,
        downloads: 0,
        likes: 0,
      });
    }
    if (api?.[2] === 'tree') {
      return json(
        res,
        [...repo.files].map(([path, file]) => ({
          type: 'file',
          oid: file.gitOid,
          size: file.sha256 ? 134 : file.content.length,
          path,
          ...(file.sha256 ? { lfs: { oid: file.sha256, size: file.content.length, pointerSize: 134 } } : {}),
        })),
      );
    }
    const path = decodeURIComponent(resolve?.[3] ?? '');
    const file = repo.files.get(path);
    if (file === undefined) return fail(res, 404, 'EntryNotFound', `${path} does not exist`);
    const common = { 'X-Repo-Commit': repo.commit, ETag: `"${file.sha256 ?? file.gitOid}"` };
    if (file.sha256) {
      res.writeHead(302, {
        ...common,
        'X-Linked-ETag': `"${file.sha256}"`,
        'X-Linked-Size': String(file.content.length),
        Location: `http://localhost:${cdnPort}/${repoId}/${file.sha256}`,
      });
      return res.end();
    }
    sendBytes(req, res, path, file.content, common);
  }

  function serveCdn(req: IncomingMessage, res: ServerResponse) {
    record(req, true);
    const match = /^\/([^/]+\/[^/]+)\/([0-9a-f]{64})$/.exec(req.url ?? '');
    const repo = match?.[1] === undefined ? undefined : repos.get(match[1]);
    const entry = [...(repo?.files ?? [])].find(([, file]) => file.sha256 === match?.[2]);
    if (entry === undefined) return fail(res, 404, 'EntryNotFound', 'no such object');
    sendBytes(req, res, entry[0], entry[1].content, { ETag: `"${entry[1].sha256}"` });
  }

  function sendBytes(
    req: IncomingMessage,
    res: ServerResponse,
    path: string,
    content: Buffer,
    headers: Record<string, string>,
  ) {
    const range = /^bytes=(\d+)-(\d*)$/.exec(req.headers.range ?? '');
    const start = range ? Number(range[1]) : 0;
    const end = range?.[2] ? Math.min(Number(range[2]), content.length - 1) : content.length - 1;
    const body = content.subarray(start, end + 1);
    res.writeHead(range ? 206 : 200, {
      ...headers,
      'Accept-Ranges': 'bytes',
      'Content-Length': String(body.length),
      'Content-Type': 'application/octet-stream',
      ...(range ? { 'Content-Range': `bytes ${start}-${end}/${content.length}` } : {}),
    });
    const cut = body.length > 1 ? breaks.get(path) : undefined;
    if (cut === undefined) return res.end(body);
    breaks.delete(path);
    // Send part of the body, then drop the connection, as a network failure would.
    res.write(body.subarray(0, cut), () => setTimeout(() => res.destroy(), 20));
  }

  return {
    endpoint: `http://127.0.0.1:${hubPort}`,
    requests,
    addRepo(repo, files, options = {}) {
      const commit = randomBytes(20).toString('hex');
      const entries = Object.entries(files).map(([path, value]): [string, HubFile] => {
        const content = Buffer.from(value);
        const gitOid = createHash('sha1').update(`blob ${content.length}\0`).update(content).digest('hex');
        const lfs = LFS.test(path) ? { sha256: createHash('sha256').update(content).digest('hex') } : {};
        return [path, { content, gitOid, ...lfs }];
      });
      repos.set(repo, { commit, files: new Map(entries), ...options });
      return commit;
    },
    breakNextDownload(path, bytes) {
      breaks.set(path, bytes);
    },
    sha256(repo, path) {
      const sha = repos.get(repo)?.files.get(path)?.sha256;
      if (sha === undefined) throw new Error(`${repo} has no LFS file ${path}`);
      return sha;
    },
    async close() {
      const closed = [hub, cdn].map((server) => new Promise((done) => server.close(done)));
      for (const server of [hub, cdn]) server.closeAllConnections();
      await Promise.all(closed);
    },
  };
}

function listen(server: Server): Promise<Server> {
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

function json(res: ServerResponse, body: unknown) {
  res.writeHead(200, { 'Content-Type': 'application/json' });
  res.end(JSON.stringify(body));
}

function fail(res: ServerResponse, status: number, code: string, message: string) {
  res.writeHead(status, { 'Content-Type': 'application/json', 'X-Error-Code': code });
  res.end(JSON.stringify({ error: message }));
}
