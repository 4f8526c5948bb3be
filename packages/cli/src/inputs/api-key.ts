import { stat } from 'node:fs/promises';
import { resolve } from 'node:path';
import { InvalidInputError } from '@switchyard/core';
import { readTextFile } from './read-text-file.js';

/** The environment variable the API key is read from when no flag names one. */
export const API_KEY_ENV = 'SWITCHYARD_API_KEY';

export interface ApiKeyFlags {
  /** A file holding the key (its first line). */
  readonly apiKeyFile?: string;
  /** The key itself: works, with a warning, since every user of the machine can read a command line. */
  readonly apiKey?: string;
}

/** Where the key came from, for messages: never the key itself. */
export interface ApiKey {
  readonly value: string;
  readonly source: string;
  /** Said on stderr before anything starts, e.g. that the key was visible to other users. */
  readonly warnings: readonly string[];
}

// What an HTTP Authorization header can carry after "Bearer ": visible ASCII, no spaces.
const HEADER_SAFE = /^[\x21-\x7e]+$/;

/**
 * The API key clients must send, from `--api-key-file`, a literal `--api-key`, or $SWITCHYARD_API_KEY
 * (flags win over the environment); undefined when none is given. Errors name the source, never the key.
 */
export async function readApiKey(flags: ApiKeyFlags, env: NodeJS.ProcessEnv, cwd: string): Promise<ApiKey | undefined> {
  if (flags.apiKey !== undefined && flags.apiKeyFile !== undefined) {
    throw new InvalidInputError(
      'command line',
      [{ field: '--api-key', message: 'give the key one way: --api-key-file or --api-key, not both' }],
      'Drop --api-key or --api-key-file.',
    );
  }
  if (flags.apiKeyFile !== undefined) return readKeyFile(flags.apiKeyFile, cwd);
  if (flags.apiKey !== undefined) {
    return {
      value: checked(flags.apiKey, '--api-key'),
      source: '--api-key',
      warnings: [
        `--api-key puts the key on a command line, where every user of this machine can read it (ps, /proc) and your shell history keeps it; Switchyard hides it from its own command line once it starts, but not from whatever ran it. Use $${API_KEY_ENV} or --api-key-file instead.`,
      ],
    };
  }
  const fromEnv = env[API_KEY_ENV];
  if (fromEnv === undefined) return undefined;
  return { value: checked(fromEnv.trim(), `$${API_KEY_ENV}`), source: `$${API_KEY_ENV}`, warnings: [] };
}

async function readKeyFile(file: string, cwd: string): Promise<ApiKey> {
  const path = resolve(cwd, file);
  const source = `--api-key-file ${file}`;
  let text: string;
  try {
    // Small: a key file holding more is the wrong file. A pipe works too: --api-key-file <(pass show key).
    text = await readTextFile(path, 64 * 1024);
  } catch (error) {
    throw new InvalidInputError(
      source,
      [{ field: '--api-key-file', message: `cannot read it: ${(error as Error).message}` }],
      'Check the path, and that you may read the file.',
    );
  }
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  // One line, as `openssl rand -hex 32 > key` writes it; a trailing newline is not part of the key.
  if (lines.slice(1).some((line) => line.trim() !== '')) {
    throw new InvalidInputError(
      source,
      [{ field: '--api-key-file', message: 'it must hold the key on one line' }],
      "Write the key alone on the file's first line.",
    );
  }
  return {
    value: checked((lines[0] ?? '').trim(), '--api-key-file'),
    source,
    warnings: await permissionWarnings(path),
  };
}

function checked(key: string, field: string): string {
  if (key === '')
    throw new InvalidInputError(
      'API key',
      [{ field, message: 'the key is empty' }],
      'Give the key in $SWITCHYARD_API_KEY, --api-key-file or --api-key.',
    );
  if (!HEADER_SAFE.test(key)) {
    throw new InvalidInputError(
      'API key',
      [
        {
          field,
          message:
            'the key may hold only visible ASCII characters, without spaces, as clients send it in an HTTP header',
        },
      ],
      'Use a key of letters, digits and punctuation, e.g. one `openssl rand -hex 32` prints.',
    );
  }
  return key;
}

/** A key file others can read is a key others can read: say so, as ssh does. */
async function permissionWarnings(path: string): Promise<string[]> {
  if (process.platform === 'win32') return [];
  const stats = await stat(path);
  const { mode } = stats;
  // Only a file lies on disk for others to read; a pipe (<(pass show key)) is gone once read.
  if (!stats.isFile() || (mode & 0o077) === 0) return [];
  return [
    `${path} can be read by other users (mode ${(mode & 0o777).toString(8)}); \`chmod 600 ${path}\` keeps the key yours.`,
  ];
}
