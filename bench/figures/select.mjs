import { fileURLToPath } from 'node:url';
import { CLI, interleavedMedians, median, RUNS, timeNode } from '../lib/stats.mjs';

const HOST_FILE = fileURLToPath(new URL('../../test/fixtures/hosts/linux-1x24gb-nvidia.json', import.meta.url));
const RSS_HOOK = fileURLToPath(new URL('../lib/report-peak-rss.mjs', import.meta.url));
// A catalog name, so that resolution runs too: the whole job of a typical `select`.
const SELECT = [CLI, 'select', 'qwen2.5-instruct', '--host-file', HOST_FILE, '--json'];
const EMPTY = ['-e', '0'];

/** `switchyard select … --host-file` against a bare `node -e 0`: wall time and peak memory. */
export function measureSelect() {
  const [select, bare] = interleavedMedians([SELECT, EMPTY]);
  const peak = (args) => {
    const runs = [];
    for (let i = 0; i < Math.min(RUNS, 5); i++) {
      const { stderr } = timeNode(['--import', RSS_HOOK, ...args]);
      runs.push(Number(/peak-rss-kib (\d+)/.exec(stderr)?.[1]));
    }
    return median(runs);
  };
  const [selectRss, bareRss] = [peak(SELECT), peak(EMPTY)];
  return [
    {
      figure: '`switchyard select … --host-file` wall time',
      value: select,
      unit: 'ms',
      reference: { label: '`node -e 0`', value: bare },
      // Issue #12: a select costs at most one more Node start-up.
      target: { ratioAtMost: 2 },
    },
    {
      figure: 'peak RSS of `switchyard select`',
      value: selectRss / 1024,
      unit: 'MiB',
      reference: { label: '`node -e 0`', value: bareRss / 1024 },
      target: { ratioAtMost: 2 },
    },
  ];
}
