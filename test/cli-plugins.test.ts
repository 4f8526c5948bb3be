import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixture, REPO_ROOT, runCli } from './support/run-cli.js';

// The example third-party plugin (examples/backend-ollama), as installed in the workspace; its dist
// comes from the build that runs before the tests.
const OLLAMA_PLUGIN = 'switchyard-backend-ollama';
const OLLAMA_DIST = join(REPO_ROOT, 'examples/backend-ollama/dist/index.js');

const spec = {
  modelName: 'llama-3.2-1b-instruct',
  format: 'ggufv2',
  quantization: 'Q4_K_M',
  hubId: 'bartowski/Llama-3.2-1B-Instruct-GGUF',
};
// Both llama.cpp (priority 70) and Ollama (60) can run the model here.
const host = {
  os: 'linux',
  arch: 'x64',
  engines: { ollama: { version: '0.9.0' }, 'llama-server': { version: 'b5000' } },
};

let project: string;
const inProject = (name: string) => join(project, name);
const target = () => ['--spec-file', inProject('spec.json'), '--host-file', inProject('host.json')];

async function writeConfig(config: unknown) {
  await writeFile(inProject('switchyard.config.json'), typeof config === 'string' ? config : JSON.stringify(config));
}

async function selectIn(cwd: string, args: readonly string[] = []) {
  const result = await runCli(['select', ...target(), '--json', ...args], { cwd });
  return { ...result, selection: result.code === 0 ? JSON.parse(result.stdout) : undefined };
}

beforeAll(async () => {
  project = await mkdtemp(join(tmpdir(), 'switchyard-plugins-'));
  await writeFile(inProject('spec.json'), JSON.stringify(spec));
  await writeFile(inProject('host.json'), JSON.stringify(host));
  // A project-local plugin module, named in the config file by a path relative to it.
  await writeFile(inProject('ollama-plugin.mjs'), `export { default } from '${pathToFileURL(OLLAMA_DIST).href}';\n`);
});

afterAll(() => rm(project, { recursive: true, force: true }));

describe('third-party plugins in the CLI', () => {
  it('select --plugin loads the example plugin by package name and ranks its engine', async () => {
    const { code, selection } = await selectIn(REPO_ROOT, ['--plugin', OLLAMA_PLUGIN]);
    expect(code).toBe(0);
    expect(selection.candidates.map((c: { backend: string; eligible: boolean }) => [c.backend, c.eligible])).toEqual(
      expect.arrayContaining([
        ['llamacpp', true],
        ['ollama', true],
      ]),
    );
    expect(selection.chosen).toBe('llamacpp');
  });

  it('plan --engine shows the plugin engine’s command, with the address in its environment', async () => {
    const { code, stdout } = await runCli(
      ['plan', ...target(), '--plugin', OLLAMA_PLUGIN, '--engine', 'ollama', '--port', '9000', '--json'],
      { cwd: REPO_ROOT },
    );
    expect(code).toBe(0);
    const plan = JSON.parse(stdout);
    expect([plan.command, ...plan.args]).toEqual(['ollama', 'serve']);
    expect(plan.env.OLLAMA_HOST).toBe('127.0.0.1:9000');
  });

  it('launch judges the plugin engine on this machine and, with Ollama missing, says how to install it', async () => {
    const { code, stderr } = await runCli(
      ['launch', '--spec-file', inProject('spec.json'), '--plugin', OLLAMA_PLUGIN, '--engine', 'ollama'],
      { cwd: REPO_ROOT },
    );
    expect(code).toBe(1);
    expect(stderr).toContain('Ollama is not installed');
    expect(stderr).toContain('https://ollama.com/install.sh');
  });
});

describe('a plugin of plain objects (name, priority, matches, launch only)', () => {
  const PLAIN = ['--plugin', './test/fixtures/plain-plugin/plain-object-plugin.mjs'];
  const model = ['fake-model', '--format', 'pytorch', '--host-file', 'test/fixtures/launch-plugin/host.json'];

  it('loads and ranks; a backend whose matches throws is refused with the error while the others are ranked', async () => {
    const { code, stdout } = await runCli(['select', ...model, ...PLAIN, '--json']);
    expect(code).toBe(0);
    const selection = JSON.parse(stdout);
    expect(selection.chosen).toBe('plain');
    const broken = selection.candidates.find((c: { backend: string }) => c.backend === 'broken');
    expect(broken).toMatchObject({ eligible: false });
    expect(broken.reasons).toEqual(["broken's eligibility check failed with an error: cannot judge this model"]);
    // The first-party engines are still judged, each with its reasons.
    expect(selection.candidates.map((c: { backend: string }) => c.backend)).toEqual(
      expect.arrayContaining(['vllm', 'sglang', 'llamacpp', 'transformers', 'mlx']),
    );
  });

  it('plan says plainly that the engine shows no plan', async () => {
    const { code, stdout } = await runCli(['plan', ...model, ...PLAIN]);
    expect(code).toBe(0);
    expect(stdout).toContain('plain starts its engine itself and shows no plan; `switchyard launch` runs it.');
    const json = await runCli(['plan', ...model, ...PLAIN, '--json']);
    expect(JSON.parse(json.stdout)).toEqual({ backend: 'plain', plan: null });
  });
});

describe('switchyard.config.json', () => {
  it('loads the plugins it lists, relative to itself, and applies its engine preferences', async () => {
    await writeConfig({ plugins: ['./ollama-plugin.mjs'], prefer: ['ollama'] });
    const { code, selection } = await selectIn(project);
    expect(code).toBe(0);
    expect(selection.chosen).toBe('ollama');
  });

  it('applies its preferences when a catalog name is resolved, in select and engines alike', async () => {
    await writeConfig({ prefer: ['llamacpp'] });
    const gpuHost = ['--host-file', fixture('hosts/linux-1x24gb-nvidia.json')];
    const json = await runCli(['select', 'qwen2.5-instruct', ...gpuHost, '--json'], { cwd: project });
    expect(JSON.parse(json.stdout)).toMatchObject({ chosen: 'llamacpp', spec: { format: 'ggufv2' } });
    const human = await runCli(['select', 'qwen2.5-instruct', ...gpuHost], { cwd: project });
    expect(human.stdout).toContain('llama.cpp ranks first among the engines that can run it here');
    const engines = await runCli(['engines', 'qwen2.5-instruct', ...gpuHost, '--json'], { cwd: project });
    expect(JSON.parse(engines.stdout).pick.engine).toBe('llamacpp');
  });

  it('lets launch use the engine of a plugin it lists', async () => {
    await writeConfig({ plugins: ['./ollama-plugin.mjs'], prefer: ['ollama'] });
    const { code, stderr } = await runCli(['launch', '--spec-file', inProject('spec.json'), '--engine', 'ollama'], {
      cwd: project,
    });
    expect(code).toBe(1);
    expect(stderr).toContain('Ollama is not installed');
  });

  it('is read from --config FILE wherever the command runs, its plugins resolved from its folder', async () => {
    await writeConfig({ plugins: ['./ollama-plugin.mjs'], prefer: ['ollama'] });
    const { code, selection } = await selectIn(REPO_ROOT, ['--config', inProject('switchyard.config.json')]);
    expect(code).toBe(0);
    expect(selection.chosen).toBe('ollama');
    const missing = await runCli(['select', ...target(), '--config', inProject('nope.json')]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain(`Invalid --config ${inProject('nope.json')}:\n  cannot read it: no such file`);
  });

  it('loads a module once when both the file and --plugin name it', async () => {
    await writeConfig({ plugins: ['./ollama-plugin.mjs'] });
    const { code, selection } = await selectIn(project, ['--plugin', './ollama-plugin.mjs']);
    expect(code).toBe(0);
    expect(selection.chosen).toBe('llamacpp');
  });

  it.each([
    ['plugins is not a list', { plugins: './ollama-plugin.mjs' }, 'plugins: plugins must be a list'],
    ['a preference names no engine', { prefer: ['olama'] }, 'prefer.0: no engine is named "olama"'],
    ['a field is unknown', { plugin: [] }, 'plugin'],
    ['it is not JSON', '{ "plugins": [', 'it is not valid JSON'],
  ])('is refused with exit code 2, naming the field, when %s', async (_case, config, message) => {
    await writeConfig(config);
    const { code, stderr } = await runCli(['select', ...target()], { cwd: project });
    expect(code).toBe(2);
    expect(stderr).toContain('switchyard.config.json');
    expect(stderr).toContain(message);
  });

  it('resolves plugin packages as import does: an exports map with only an import condition works', async () => {
    // A package with no main, whose exports name an `import` entry only: require() cannot load it.
    const entry = `export { default } from '${pathToFileURL(OLLAMA_DIST).href}';\n`;
    const manifest = { name: 'import-only-plugin', type: 'module', exports: { '.': { import: './entry.js' } } };
    for (const dir of [inProject('node_modules/import-only-plugin'), inProject('vendor/import-only-plugin')]) {
      await mkdir(dir, { recursive: true });
      await writeFile(join(dir, 'package.json'), JSON.stringify(manifest));
      await writeFile(join(dir, 'entry.js'), entry);
    }
    for (const plugin of ['import-only-plugin', './vendor/import-only-plugin']) {
      await writeConfig({ plugins: [plugin], prefer: ['ollama'] });
      const { code, selection, stderr } = await selectIn(project);
      expect({ plugin, code, stderr }).toEqual({ plugin, code: 0, stderr: '' });
      expect(selection.chosen).toBe('ollama');
    }
  });

  it('names the module it could not load', async () => {
    await writeConfig({ plugins: ['./missing-plugin.mjs'] });
    const { code, stderr } = await runCli(['select', ...target()], { cwd: project });
    expect(code).toBe(2);
    expect(stderr).toContain('Could not load plugin module "./missing-plugin.mjs"');
    expect(stderr).toContain(`there is no file ${inProject('missing-plugin.mjs')}`);

    await writeConfig({ plugins: ['no-such-plugin-package'] });
    const missingPackage = await runCli(['select', ...target()], { cwd: project });
    expect(missingPackage.code).toBe(2);
    expect(missingPackage.stderr).toContain(
      `no package "no-such-plugin-package" is installed where ${project} can import it (npm install no-such-plugin-package)`,
    );
    expect(missingPackage.stderr).not.toContain('noop.js');
  });
});
