import { randomBytes } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { fileURLToPath } from 'node:url';
import { importTs } from '../../test/support/run-ts.mjs';
import { median } from '../lib/stats.mjs';

const HUB_DIST = fileURLToPath(new URL('../../packages/hub/dist/index.js', import.meta.url));
const LOCAL_HUB = fileURLToPath(new URL('../../test/support/local-hub.ts', import.meta.url));
const RUNS = Number(process.env.BENCH_PULL_RUNS ?? 5);
const BYTES = 128 * 1024 ** 2;
const REPO = 'bench/Pull-GGUF';
const FILE = 'pull-Q4_K_M.gguf';

/**
 * Milliseconds to pull a 128 MiB GGUF file from a hub on loopback into an empty cache (listing,
 * download through the Hugging Face client, SHA-256 of every byte, the cache layout), against
 * fetching the same URL and writing it to a file with nothing else, in the same run.
 */
export async function measureHubPull() {
  const [{ pullModel, hubSettings }, { startLocalHub }] = await Promise.all([import(HUB_DIST), importTs(LOCAL_HUB)]);
  const hub = await startLocalHub();
  hub.addRepo(REPO, { [FILE]: randomBytes(BYTES) });
  const dir = await mkdtemp(join(tmpdir(), 'switchyard-bench-pull-'));
  const pulls = [];
  const fetches = [];
  try {
    for (let i = 0; i < RUNS; i++) {
      const settings = hubSettings({ HF_HOME: join(dir, `home-${i}`), HF_ENDPOINT: hub.endpoint });
      let started = performance.now();
      await pullModel({ repo: REPO, file: FILE }, { settings });
      pulls.push(performance.now() - started);

      started = performance.now();
      const response = await fetch(`${hub.endpoint}/${REPO}/resolve/main/${FILE}`);
      await pipeline(Readable.fromWeb(response.body), createWriteStream(join(dir, `plain-${i}`)));
      fetches.push(performance.now() - started);
    }
  } finally {
    await hub.close();
    await rm(dir, { recursive: true, force: true });
  }
  return [
    {
      figure: '`pullModel` of a 128 MiB GGUF from a loopback hub (verified, HF layout)',
      value: median(pulls),
      unit: 'ms',
      reference: { value: median(fetches), label: 'fetch + write the same file' },
      target: { ratioAtMost: 1.5 },
      note: `${((BYTES / 1024 ** 2 / median(pulls)) * 1000).toFixed(0)} MiB/s; the difference is the SHA-256 of every byte and the listing`,
    },
  ];
}
