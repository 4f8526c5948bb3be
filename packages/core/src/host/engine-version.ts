/**
 * Orders two engine versions as Python packaging would for the releases engines publish:
 * `0.6.3` < `0.6.3.post1` < `0.6.10` < `0.11.0`; a local build tag (`+cu128`) is ignored, and a
 * pre-release or dev build (`0.7.0rc1`, `0.7.0.dev12`) comes before its release. Negative when
 * `a` is older than `b`, 0 when equal, positive when newer.
 */
export function compareVersions(a: string, b: string): number {
  const [x, y] = [parseVersion(a), parseVersion(b)];
  for (let i = 0; i < Math.max(x.release.length, y.release.length); i++) {
    const difference = (x.release[i] ?? 0) - (y.release[i] ?? 0);
    if (difference !== 0) return difference;
  }
  return x.stage - y.stage;
}

// A release's stage: a pre-release or dev build before it, a post-release after it.
const PRE = -1;
const FINAL = 0;
const POST = 1;

function parseVersion(version: string): { release: number[]; stage: number } {
  const [public_ = ''] = version.trim().replace(/^v/i, '').split('+');
  const release = /^\d+(?:\.\d+)*/.exec(public_)?.[0] ?? '0';
  const rest = public_.slice(release.length).toLowerCase();
  const stage = rest === '' ? FINAL : /^[.-]?post/.test(rest) ? POST : PRE;
  return { release: release.split('.').map(Number), stage };
}
