import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { publint } from 'publint';
import { formatMessage } from 'publint/utils';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from './support/run-cli.js';

const { workspaces } = JSON.parse(await readFile(join(REPO_ROOT, 'package.json'), 'utf8')) as {
  workspaces: string[];
};

// What npm would publish, judged as publint judges it: a wrong `exports` path, a missing `types`
// condition or a file left out of `files` fails here rather than for the first user.
// Each check packs its package with npm, which takes seconds on a loaded machine.
describe.concurrent('publint --strict', { timeout: 60_000 }, () => {
  it.each(workspaces)('%s has nothing to fix', async (workspace) => {
    const pkgDir = join(REPO_ROOT, workspace);
    const { messages, pkg } = await publint({ pkgDir, strict: true, pack: 'npm' });
    expect(messages.map((message) => formatMessage(message, pkg) ?? message.code)).toEqual([]);
  });
});
