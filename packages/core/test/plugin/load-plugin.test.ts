import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { loadPlugin } from '../../src/index.js';

const fixtures = fileURLToPath(new URL('./fixtures', import.meta.url));

describe('loadPlugin', () => {
  it('refuses a module whose top-level await never settles, after the timeout, saying so', async () => {
    await expect(loadPlugin('./never-settles.mjs', fixtures, { timeoutMs: 300 })).rejects.toMatchObject({
      code: 'PLUGIN_LOAD_FAILED',
      message:
        'Could not load plugin module "./never-settles.mjs": it did not finish loading within 0.3 s: its top-level code awaits something that never settles',
    });
  });
});
