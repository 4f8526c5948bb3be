// Writes the architecture lists the vLLM and SGLang plugins ship (src/supported-architectures.ts):
// every architecture the engine's model registry lists in its latest release we read, with the first
// release that lists it. Facts only, read from the engine's own git history:
//
//   node tools/engine-architectures/derive.mjs vllm /path/to/vllm/.git  > packages/backend-vllm/src/supported-architectures.ts
//   node tools/engine-architectures/derive.mjs sglang /path/to/sglang/.git > packages/backend-sglang/src/supported-architectures.ts
//
// vLLM lists architectures as the keys of its registry dicts (models/registry.py; models/__init__.py
// and model_loader.py before it); SGLang as the `EntryClass` of each file in srt/models. A release is
// the commit that set `__version__`; vLLM since 0.6.2 versions by git tag only, so those releases
// are the last main commit before the release day (VLLM_RELEASE_DAYS), and the newest is given by
// commit; what a release shipped from its release branch first is RELEASE_BRANCH_ADDITIONS.
import { execFileSync } from 'node:child_process';

const VLLM_RELEASE_DAYS = {
  '0.6.2': '2024-09-25',
  '0.6.3': '2024-10-14',
  '0.6.4': '2024-11-15',
  '0.6.5': '2024-12-17',
  '0.6.6': '2024-12-27',
  '0.7.0': '2025-01-27',
  '0.7.1': '2025-02-01',
  '0.7.2': '2025-02-06',
  '0.7.3': '2025-02-20',
  '0.8.0': '2025-03-18',
  '0.8.1': '2025-03-19',
  '0.8.2': '2025-03-25',
  '0.8.3': '2025-04-06',
  '0.8.4': '2025-04-14',
  '0.8.5': '2025-04-28',
  '0.9.0': '2025-05-15',
  '0.9.1': '2025-06-10',
  '0.9.2': '2025-07-07',
  '0.10.0': '2025-07-24',
  '0.10.1': '2025-08-18',
  '0.10.2': '2025-09-13',
};

// Architectures a release shipped from its release branch before main had them: the release notes name them.
const RELEASE_BRANCH_ADDITIONS = {
  vllm: { DeepseekV3ForCausalLM: '0.6.6', Llama4ForConditionalGeneration: '0.8.3' },
  sglang: {},
};

const [engine, gitDir, newest] = process.argv.slice(2);
const git = (...args) => execFileSync('git', ['--git-dir', gitDir, ...args], { encoding: 'utf8', maxBuffer: 1 << 28 });
const show = (commit, path) => {
  try {
    return execFileSync('git', ['--git-dir', gitDir, 'show', `${commit}:${path}`], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
    });
  } catch {
    return undefined;
  }
};

const VLLM_REGISTRY_KEY = /^\s*"([A-Z]\w*)"\s*:\s*(?:\(|[A-Z]\w*\s*,)/gm;
const SGLANG_ENTRY_CLASS = /^EntryClass\s*=\s*(\[[^\]]*\]|\w+)/gm;

function vllmArchitectures(commit) {
  const found = new Set();
  for (const path of ['models/registry.py', 'models/__init__.py', 'model_loader.py']) {
    for (const match of (show(commit, `vllm/model_executor/${path}`) ?? '').matchAll(VLLM_REGISTRY_KEY))
      found.add(match[1]);
  }
  return found;
}

function sglangArchitectures(commit) {
  const found = new Set();
  const dir = 'python/sglang/srt/models';
  const files = (show(commit, `${dir}/`) ?? '').split('\n').filter((file) => file.endsWith('.py'));
  for (const file of files) {
    for (const match of (show(commit, `${dir}/${file}`) ?? '').matchAll(SGLANG_ENTRY_CLASS)) {
      for (const name of match[1].matchAll(/[A-Za-z_]\w*/g)) found.add(name[0]);
    }
  }
  return found;
}

const versionFiles =
  engine === 'vllm'
    ? ['vllm/__init__.py', 'vllm/version.py']
    : ['python/sglang/version.py', 'python/sglang/__init__.py'];
const releases = [];
for (const line of git('log', '--reverse', '--format=%H', '--', ...versionFiles)
  .trim()
  .split('\n')) {
  const text = versionFiles.map((file) => show(line, file) ?? '').join('\n');
  const version = /__version__\s*=\s*["']([^"']+)["']/.exec(text)?.[1];
  if (version && /^\d+\.\d+\.\d+$/.test(version) && !releases.some((r) => r.version === version)) {
    releases.push({ version, commit: line });
  }
}
if (engine === 'vllm') {
  for (const [version, day] of Object.entries(VLLM_RELEASE_DAYS)) {
    releases.push({
      version,
      commit: git('rev-list', '-1', `--before=${day}T00:00:00Z`, '--first-parent', 'HEAD').trim(),
    });
  }
}
if (newest) {
  const [version, commit] = newest.split('=');
  releases.push({ version, commit });
}

const listed = engine === 'vllm' ? vllmArchitectures : sglangArchitectures;
const since = {};
let latest = { version: '', architectures: new Set() };
for (const release of releases) {
  const architectures = listed(release.commit);
  if (architectures.size === 0) continue;
  for (const name of architectures) since[name] ??= release.version;
  latest = { version: release.version, architectures };
}

Object.assign(since, RELEASE_BRANCH_ADDITIONS[engine]);

const NAME = engine === 'vllm' ? 'vLLM' : 'SGLang';
const entries = [...latest.architectures].sort().map((name) => `    ${name}: '${since[name]}',`);
process.stdout.write(`import type { SupportedArchitectures } from '@switchyard/core';

/**
 * The model architectures (\`config.json\` \`architectures\`) ${NAME}'s model registry lists as of
 * ${NAME} ${latest.version}, each with the first ${NAME} release that lists it. Derived from ${NAME}'s git
 * history by tools/engine-architectures/derive.mjs (see there how); an installed ${NAME}'s own
 * registry is read instead where host detection finds it.
 */
export const ${engine.toUpperCase()}_ARCHITECTURES: SupportedArchitectures = {
  asOf: '${latest.version}',
  since: {
${entries.join('\n')}
  },
};
`);
