import { closeSync, fstatSync, openSync, readSync } from 'node:fs';

/**
 * The text of a file a flag names, read to at most `maxBytes`: a file, or a pipe such as
 * `--host-file <(switchyard host --json)`. Rejects with a reason a person can act on: no such file,
 * a folder, or more than `maxBytes` (`/dev/zero` would otherwise be read until memory runs out).
 * Read synchronously: one small file, read before anything else can run, where each asynchronous
 * step would be a trip through libuv's thread pool.
 */
export async function readTextFile(path: string, maxBytes: number): Promise<string> {
  let fd: number;
  try {
    fd = openSync(path, 'r');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new Error(
      code === 'ENOENT' ? 'no such file' : code === 'EACCES' ? 'permission denied' : (error as Error).message,
    );
  }
  try {
    if (fstatSync(fd).isDirectory()) throw new Error('it is a folder, not a file');
    const chunks: Buffer[] = [];
    let total = 0;
    for (;;) {
      const buffer = Buffer.alloc(64 * 1024);
      const bytesRead = readSync(fd, buffer);
      if (bytesRead === 0) break;
      total += bytesRead;
      if (total > maxBytes)
        throw new Error(`it is larger than ${formatBytes(maxBytes)}, more than such a file ever holds`);
      chunks.push(buffer.subarray(0, bytesRead));
    }
    return Buffer.concat(chunks).toString('utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EISDIR') throw new Error('it is a folder, not a file');
    throw error;
  } finally {
    closeSync(fd);
  }
}

function formatBytes(bytes: number): string {
  return bytes >= 1024 ** 2 ? `${bytes / 1024 ** 2} MiB` : `${bytes / 1024} KiB`;
}
