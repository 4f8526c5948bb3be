import { readFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import { join } from 'node:path';

/** The public hub; `HF_ENDPOINT` points at a mirror instead. */
export const DEFAULT_ENDPOINT = 'https://huggingface.co';

/**
 * Where the hub is, where its files are cached, which token opens gated repositories, and whether
 * the network may be used: read from the same variables the Hugging Face tools read, so that
 * Switchyard and the engines share one cache and one login.
 */
export interface HubSettings {
  /** Base URL of the hub (`HF_ENDPOINT`), without a trailing slash. */
  readonly endpoint: string;
  /** The cache folder holding `models--org--name/{blobs,snapshots,refs}` (`HF_HUB_CACHE`). */
  readonly cacheDir: string;
  /** `HF_HUB_OFFLINE`: never touch the network, use only what the cache holds. */
  readonly offline: boolean;
  /** Reads the token for gated repositories; undefined when there is none. Never logged. */
  readonly token: () => Promise<string | undefined>;
}

type Env = Readonly<Record<string, string | undefined>>;

/** huggingface_hub's reading of a boolean variable: 1, ON, YES or TRUE, in any case. */
const isTrue = (value: string | undefined) => ['1', 'ON', 'YES', 'TRUE'].includes(value?.trim().toUpperCase() ?? '');

const set = (value: string | undefined) => (value?.trim() ? value.trim() : undefined);

/**
 * The settings for an environment, resolved as huggingface_hub resolves them: `HF_HOME` (default
 * `$XDG_CACHE_HOME/huggingface`, else `~/.cache/huggingface`) holds `hub/` and the `token` file the
 * `hf auth login` command writes; `HF_HUB_CACHE` and `HF_TOKEN_PATH` override each part.
 */
export function hubSettings(env: Env = process.env, overrides: Partial<HubSettings> = {}): HubSettings {
  const home = set(env.HF_HOME) ?? join(set(env.XDG_CACHE_HOME) ?? join(homedir(), '.cache'), 'huggingface');
  const tokenFile = set(env.HF_TOKEN_PATH) ?? join(home, 'token');
  const token = set(env.HF_TOKEN) ?? set(env.HUGGING_FACE_HUB_TOKEN);
  return {
    endpoint: (set(env.HF_ENDPOINT) ?? DEFAULT_ENDPOINT).replace(/\/+$/, ''),
    cacheDir: set(env.HF_HUB_CACHE) ?? set(env.HUGGINGFACE_HUB_CACHE) ?? join(home, 'hub'),
    offline: isTrue(env.HF_HUB_OFFLINE),
    token: token !== undefined ? () => Promise.resolve(token) : () => readTokenFile(tokenFile),
    ...overrides,
  };
}

async function readTokenFile(path: string): Promise<string | undefined> {
  try {
    return set(await readFile(path, 'utf8'));
  } catch {
    return undefined;
  }
}
