import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPO_ROOT } from './support/run-cli.js';

const run = promisify(execFile);
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
const PACKED = ['@switchyard/core', '@switchyard/backend-vllm'];
// The conformance kit is a plugin author's dev dependency; it brings the supervisor with it.
const PACKED_FOR_DEV = ['@switchyard/conformance', '@switchyard/supervisor'];

/**
 * A consumer outside the workspace: it sees only what the tarballs hold and what npm installs for
 * them, so a file missing from `files`, a wrong `exports` entry or an undeclared dependency fails here.
 */
const CONSUMER = `
import { createSwitchyard } from '@switchyard/core';
import { runConformance } from '@switchyard/conformance';
import vllm from '@switchyard/backend-vllm';

const switchyard = createSwitchyard({
  plugins: [vllm],
  host: {
    os: 'linux',
    arch: 'x64',
    gpus: [{ index: 0, vendor: 'nvidia', name: 'NVIDIA L4', memoryMiB: 23034, computeCapability: '8.9' }],
    engines: { vllm: { version: '0.9.1' } },
  },
});
const { selection, plan } = await switchyard.plan({ modelName: 'qwen2.5-instruct', format: 'pytorch', hubId: 'Qwen/Qwen2.5-7B-Instruct' });
const { findings } = await runConformance(vllm, { launch: false });
console.log(JSON.stringify({
  chosen: selection.chosen,
  command: [plan.command, ...plan.args].slice(0, 2),
  findings: findings.length,
  core: import.meta.resolve('@switchyard/core'),
}));
`;

// The same calls, type-checked against the declarations the tarballs ship.
const TYPED_CONSUMER = `
import { createSwitchyard, type Selection } from '@switchyard/core';
import { type ConformanceReport, runConformance } from '@switchyard/conformance';
import vllm from '@switchyard/backend-vllm';

export const selection: Promise<Selection> = createSwitchyard({ plugins: [vllm] }).select({ modelName: 'm', format: 'pytorch' });
export const report: Promise<ConformanceReport> = runConformance(vllm, { launch: false });
`;

let project: string;
let packedFiles: Map<string, string>;

beforeAll(async () => {
  for (const dir of [
    'packages/core/dist/index.js',
    'packages/conformance/dist/index.js',
    'packages/backend-vllm/dist/index.js',
  ]) {
    if (!existsSync(join(REPO_ROOT, dir))) throw new Error(`${dir} is missing: run \`npm run build\` first`);
  }
  project = await mkdtemp(join(tmpdir(), 'switchyard-pack-'));
  const { stdout } = await run(
    npm,
    ['pack', '--json', '--pack-destination', project, ...[...PACKED, ...PACKED_FOR_DEV].flatMap((w) => ['-w', w])],
    {
      cwd: REPO_ROOT,
    },
  );
  const tarballs = (JSON.parse(stdout) as { name: string; filename: string }[]).map(({ name, filename }) => [
    name,
    `file:./${filename}`,
  ]);
  packedFiles = new Map((JSON.parse(stdout) as { name: string; filename: string }[]).map((t) => [t.name, t.filename]));
  const of = (names: readonly string[]) => Object.fromEntries(tarballs.filter(([name]) => names.includes(name ?? '')));
  await writeFile(
    join(project, 'package.json'),
    JSON.stringify({
      name: 'consumer',
      private: true,
      type: 'module',
      dependencies: of(PACKED),
      devDependencies: of(PACKED_FOR_DEV),
    }),
  );
  // A Node library's consumers have @types/node; the workspace's copy stands in for theirs.
  const tsconfig = {
    compilerOptions: {
      module: 'nodenext',
      strict: true,
      noEmit: true,
      types: ['node'],
      typeRoots: [join(REPO_ROOT, 'node_modules/@types')],
    },
  };
  await writeFile(join(project, 'tsconfig.json'), JSON.stringify(tsconfig));
  await writeFile(join(project, 'consumer.mjs'), CONSUMER);
  await writeFile(join(project, 'consumer.ts'), TYPED_CONSUMER);
  // Dependencies such as zod come from npm's cache when they are there; only missing ones are fetched.
  await run(npm, ['install', '--prefer-offline', '--no-audit', '--no-fund', '--ignore-scripts', '--loglevel=error'], {
    cwd: project,
  });
}, 120_000);

afterAll(async () => {
  if (project) await rm(project, { recursive: true, force: true });
});

describe('the packed packages, installed outside the workspace', () => {
  it('select and plan through the public API, and run the conformance kit without vitest installed', async () => {
    const { stdout } = await run(process.execPath, ['consumer.mjs'], { cwd: project });
    const result = JSON.parse(stdout);
    expect(result).toMatchObject({ chosen: 'vllm', command: ['vllm', 'serve'], findings: 0 });
    expect(result.core).toContain(join(project, 'node_modules'));
    expect(existsSync(join(project, 'node_modules/vitest'))).toBe(false);
  });

  it('a backend author’s install of core and one backend holds no process-spawning or hardware-probing package', async () => {
    // A project of its own: npm counts a dev dependency that is also an optional peer of core as production.
    const minimal = join(project, 'minimal');
    await mkdir(minimal);
    const tarball = (name: string) => `file:../${packedFiles.get(name)}`;
    const dependencies = Object.fromEntries(PACKED.map((name) => [name, tarball(name)]));
    await writeFile(join(minimal, 'package.json'), JSON.stringify({ name: 'minimal', private: true, dependencies }));
    await run(npm, ['install', '--prefer-offline', '--no-audit', '--no-fund', '--ignore-scripts', '--loglevel=error'], {
      cwd: minimal,
    });
    const { stdout } = await run(npm, ['ls', '--omit=dev', '--all', '--parseable'], { cwd: minimal });
    const installed = stdout.split('\n').map((path) => path.split('node_modules/').at(-1));
    expect(installed).toEqual(expect.arrayContaining(['@switchyard/core', '@switchyard/backend-vllm']));
    for (const heavy of [
      'systeminformation',
      'execa',
      'get-port',
      '@switchyard/supervisor',
      '@switchyard/host-detection',
    ]) {
      expect(installed).not.toContain(heavy);
    }
  });

  it('type-check against the declarations the tarballs ship', async () => {
    const tsc = join(REPO_ROOT, 'node_modules/typescript/bin/tsc');
    await expect(run(process.execPath, [tsc, '-p', '.'], { cwd: project })).resolves.toBeDefined();
  });
});
