import { execFile } from 'node:child_process';
import { copyFile, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { CLI_BIN, REPO_ROOT } from './support/run-cli.js';

const run = promisify(execFile);

describe('the switchyard bin', () => {
  it('is what `npx switchyard` runs from the repository root after the install', async () => {
    const { version } = JSON.parse(await readFile(join(REPO_ROOT, 'packages/cli/package.json'), 'utf8'));
    const npx = process.platform === 'win32' ? 'npx.cmd' : 'npx';
    const { stdout } = await run(npx, ['--no-install', 'switchyard', '--version'], { cwd: REPO_ROOT });
    expect(stdout.trim()).toBe(version);
  });

  it('says how to build when the bundle is missing, instead of a module-not-found trace', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'switchyard-bin-'));
    try {
      await copyFile(CLI_BIN, join(dir, 'switchyard.cjs'));
      const failure = await run(process.execPath, [join(dir, 'switchyard.cjs'), '--version']).catch((error) => error);
      expect(failure.code).toBe(2);
      expect(failure.stderr).toContain('run `npm run build`');
      expect(failure.stderr).not.toContain('ERR_MODULE_NOT_FOUND');
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
