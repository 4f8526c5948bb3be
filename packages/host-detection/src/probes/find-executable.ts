import { accessSync, constants, statSync } from 'node:fs';
import { delimiter, join, resolve } from 'node:path';

/**
 * The file `name` runs, like `which`: a name with a slash is a path (relative to `cwd`), a bare
 * name is looked up on the PATH of `env`. Undefined when there is no such executable file.
 */
export function findExecutable(name: string, env: NodeJS.ProcessEnv, cwd: string): string | undefined {
  const windows = process.platform === 'win32';
  const extensions = windows ? ['', ...(env.PATHEXT ?? '.EXE;.CMD;.BAT').split(';')] : [''];
  const isPath = name.includes('/') || (windows && name.includes('\\'));
  const directories = isPath ? [cwd] : (env.PATH ?? env.Path ?? '').split(delimiter).filter(Boolean);
  for (const directory of directories) {
    for (const extension of extensions) {
      const file = isPath ? resolve(directory, name + extension) : join(directory, name + extension);
      if (isExecutableFile(file)) return file;
    }
  }
  return undefined;
}

function isExecutableFile(file: string): boolean {
  try {
    if (!statSync(file).isFile()) return false;
    accessSync(file, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}
