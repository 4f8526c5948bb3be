import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixture, REPO_ROOT, runCli } from './support/run-cli.js';
import { writeTinyLlama } from './support/tiny-llama.js';

const run = promisify(execFile);
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
const BACKENDS = ['vllm', 'sglang', 'mlx', 'llamacpp', 'transformers'];
// The llama.cpp backend's embedded server takes its OpenAI schemas from @switchyard/openai-http.
const PACKED = [
  '@switchyard/core',
  '@switchyard/openai-http',
  '@switchyard/hub',
  ...BACKENDS.map((engine) => `@switchyard/backend-${engine}`),
];
/** What a backend author installs: core and their backend. */
const AUTHOR_INSTALL = ['@switchyard/core', '@switchyard/backend-vllm'];
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

/**
 * The library's answers for every fixture host, from the packed packages alone, to compare with the
 * CLI's: argv[2] is a JSON list of [host file, host], argv[3] a GGUF file.
 */
const COMPARER = `
import { createSwitchyard } from '@switchyard/core';
import { hubModelFetcher, hubModelReader, hubSettings } from '@switchyard/hub';
${BACKENDS.map((engine) => `import ${engine} from '@switchyard/backend-${engine}';`).join('\n')}

const [hosts, gguf] = [JSON.parse(process.argv[2]), process.argv[3]];
const plain = (value) => JSON.parse(JSON.stringify(value));
const refusal = (error) => ({ code: error.code, selection: error.selection ? plain(error.selection) : undefined });
const answers = {};
for (const [file, host] of hosts) {
  // Composed as the CLI composes it: with the hub, which can fetch a catalog spec's files.
  const settings = hubSettings(process.env);
  const switchyard = createSwitchyard({
    plugins: [${BACKENDS.join(', ')}],
    host,
    fetcher: hubModelFetcher(settings),
    readers: (defaults) => [hubModelReader(settings), ...defaults],
  });
  const plan = await switchyard.plan('llama-3-instruct', { format: 'pytorch' }).then(
    ({ selection, plan }) => ({ chosen: selection.chosen, spec: plain(selection.spec), plan: plain(plan) }),
    refusal,
  );
  answers[file] = {
    catalog: plain(await switchyard.select('qwen2.5-instruct')),
    gguf: plain(await switchyard.select(gguf)),
    tooLarge: plain(await switchyard.select('qwen2.5-instruct', { size: 72, format: 'pytorch' })),
    plan,
  };
}
console.log(JSON.stringify(answers));
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
  await writeFile(join(project, 'comparer.mjs'), COMPARER);
  await writeFile(join(project, 'consumer.ts'), TYPED_CONSUMER);
  // Dependencies such as zod come from npm's cache when they are there; only missing ones are fetched.
  await run(npm, ['install', '--prefer-offline', '--no-audit', '--no-fund', '--ignore-scripts', '--loglevel=error'], {
    cwd: project,
  });
}, 240_000);

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

  it('answer select and plan exactly as `switchyard select|plan --host-file` does, on every fixture host', async () => {
    const gguf = await writeTinyLlama(join(project, 'tiny.gguf'));
    const files = (await readdir(fixture('hosts'))).filter((name) => name.endsWith('.json'));
    const hosts = await Promise.all(
      files.map(async (name) => [
        fixture(`hosts/${name}`),
        JSON.parse(await readFile(fixture(`hosts/${name}`), 'utf8')),
      ]),
    );
    const { stdout } = await run(process.execPath, ['comparer.mjs', JSON.stringify(hosts), gguf], { cwd: project });
    const library = JSON.parse(stdout);
    for (const [file] of hosts) {
      const cli = async (...args: string[]) => {
        const { code, stdout: out } = await runCli([...args, '--host-file', file, '--json']);
        return { code, json: out.trim() === '' ? undefined : JSON.parse(out) };
      };
      const answers = library[file];
      expect((await cli('select', 'qwen2.5-instruct')).json, file).toEqual(answers.catalog);
      expect((await cli('select', gguf)).json, file).toEqual(answers.gguf);
      const tooLarge = await cli('select', 'qwen2.5-instruct', '--size', '72', '--format', 'pytorch');
      expect(tooLarge.json, file).toEqual(answers.tooLarge);
      if (answers.tooLarge.fit.fits === false) expect(answers.tooLarge.chosen).toBeNull();
      const plan = await cli('plan', 'llama-3-instruct', '--format', 'pytorch');
      if (answers.plan.plan) {
        expect(plan.code, file).toBe(0);
        const { backend, command, args, env, servedModelName } = answers.plan.plan;
        expect(plan.json, file).toMatchObject({ backend, command, args, env, servedModelName });
      } else {
        // Refused: the CLI's JSON error carries the same candidates as the library's refusal.
        expect(plan.code, file).toBe(1);
        expect(plan.json.error.candidates, file).toEqual(answers.plan.selection.candidates);
      }
    }
    // The 24 GB host cannot hold 72B unquantized: refused, by both.
    expect(library[fixture('hosts/linux-1x24gb-nvidia.json')].tooLarge.chosen).toBeNull();
  });

  it('a backend author’s install of core and one backend holds no process-spawning or hardware-probing package', async () => {
    // A project of its own: npm counts a dev dependency that is also an optional peer of core as production.
    const minimal = join(project, 'minimal');
    await mkdir(minimal);
    const tarball = (name: string) => `file:../${packedFiles.get(name)}`;
    const dependencies = Object.fromEntries(AUTHOR_INSTALL.map((name) => [name, tarball(name)]));
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
