import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { readFile, rm, writeFile } from 'node:fs/promises';
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
  const requirements = await readFile(REQUIREMENTS);
  const dir = join(ENVS, createHash('sha256').update(requirements).digest('hex').slice(0, 12));
  const python = join(dir, 'bin', 'python');
  if (existsSync(join(dir, COMPLETE))) return python;

  // Older hashes and unfinished builds go: a virtual environment cannot be moved, so none is reused.
  await rm(ENVS, { recursive: true, force: true });
  log(`Building the tests' Python environment in ${dir} (once per version of test/python/requirements.txt)`);
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
  await writeFile(join(dir, COMPLETE), '');
  return python;
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
