import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

/**
 * The Python environment the transformers tests run engines in: a virtual environment with every
 * package of test/python/requirements.txt, built once per hash of that file under .test-python/
 * (git-ignored) and reused until the file changes. pip installs from its configured index, which
 * on these machines is a local one, so the build needs no network.
 */
const REPO_ROOT = fileURLToPath(new URL('../..', import.meta.url));
export const PYTHON_DIR = join(REPO_ROOT, 'test', 'python');
const REQUIREMENTS = join(PYTHON_DIR, 'requirements.txt');
const ENVS = join(REPO_ROOT, '.test-python');
/** Written last: a folder without it is a build that did not finish. */
const COMPLETE = 'complete';

const run = promisify(execFile);

export class PythonEnvError extends Error {
  override name = 'PythonEnvError';
}

/** The environment's interpreter, building the environment first when this requirements file has none. */
export async function ensurePythonEnv(log: (line: string) => void = () => {}): Promise<string> {
  const hash = createHash('sha256')
    .update(await readFile(REQUIREMENTS))
    .digest('hex')
    .slice(0, 12);
  // Each build has its own folder (a virtual environment cannot be moved once made), so two test
  // runs that start at once never build into one folder; the first complete one serves every run.
  const builds = await readdir(ENVS).catch(() => []);
  const built = builds.find((name) => name.startsWith(`${hash}-`) && existsSync(join(ENVS, name, COMPLETE)));
  if (built) return join(ENVS, built, 'bin', 'python');
  // Other versions' environments go, and unfinished builds whose builder is gone.
  for (const name of builds)
    if (!name.startsWith(`${hash}-`) || !isRunning(Number(name.slice(hash.length + 1))))
      await rm(join(ENVS, name), { recursive: true, force: true });

  const dir = join(ENVS, `${hash}-${process.pid}`);
  const python = join(dir, 'bin', 'python');
  log(`Building the tests' Python environment in ${dir} (once per version of test/python/requirements.txt)`);
  try {
    await step('python3 could not make a virtual environment', 'python3', ['-m', 'venv', dir]);
    await step(
      "pip could not install test/python/requirements.txt from its configured package index (see `pip config list`); the transformers tests need an index that serves those exact versions, and this machine's own local index does",
      python,
      ['-m', 'pip', 'install', '--retries', '0', '--no-deps', '--no-compile', '--quiet', '-r', REQUIREMENTS],
    );
    // Bytecode for what the tests import, even where PYTHONDONTWRITEBYTECODE would stop Python writing it.
    const { PYTHONDONTWRITEBYTECODE: _unset, ...env } = process.env;
    await step(
      'the new environment could not import transformers and torch',
      python,
      [join(PYTHON_DIR, 'compile_imports.py')],
      env,
    );
  } catch (error) {
    await rm(dir, { recursive: true, force: true });
    throw error;
  }
  await writeFile(join(dir, COMPLETE), '');
  return python;
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

async function step(failure: string, command: string, args: readonly string[], env = process.env): Promise<void> {
  try {
    await run(command, args, { env, maxBuffer: 64 * 1024 * 1024 });
  } catch (error) {
    const { stderr = '', message } = error as { stderr?: string; message: string };
    const detail = (stderr.trim() || message)
      .split('\n')
      .filter((line) => !line.includes('is ignored: it is neither a file nor a directory'))
      .slice(-8)
      .join('\n');
    throw new PythonEnvError(`Cannot build the tests' Python environment: ${failure}.\n${detail}`);
  }
}
