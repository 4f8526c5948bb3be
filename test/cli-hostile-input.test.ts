import { chmod, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixture, runCli, runCliBinary } from './support/run-cli.js';
import { writeTinyLlama } from './support/tiny-llama.js';

// Every flag and file value is checked up front: exit 2, the flag or field named, no stack trace.
const hosts = {
  cpuOnly: fixture('hosts/linux-cpu-only.json'),
  eightGpus: fixture('hosts/linux-8x80gb-nvidia.json'),
  rtx4090: fixture('hosts/linux-1x24gb-nvidia.json'),
};
// A GGUF model from the hub, on a host with llama-server: plan has something to plan.
const gguf = ['tiny', '--format', 'ggufv2', '--host-file', hosts.rtx4090];

let dir: string;
const file = async (name: string, content: string) => {
  const path = join(dir, name);
  await writeFile(path, content);
  return path;
};

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'switchyard-hostile-'));
  const spec = await file('spec.json', JSON.stringify({ modelName: 'tiny', format: 'ggufv2', hubId: 'org/tiny-GGUF' }));
  gguf.splice(0, 3, '--spec-file', spec);
});
afterAll(() => rm(dir, { recursive: true, force: true }));

describe('flag values are refused up front, naming the flag', () => {
  it.each([
    [['--bind', '999.1.1.1'], '"999.1.1.1" is not an IP address or a host name'],
    [['--bind', 'a b'], '"a b" is not an IP address or a host name'],
    [['--gpus', '0,0'], 'GPU 0 is named twice'],
    [['--quantization', ''], "option '--quantization <name>' argument '' is invalid. it must not be empty."],
    [['--quantization', '  '], 'it must not be empty'],
    [['--context-length', '1e9'], 'expected a whole number from 1 to 100,000,000 tokens'],
    [['--context-length', '99999999999999999999'], 'expected a whole number from 1 to 100,000,000 tokens'],
    [['--port', '0'], 'expected a whole number from 1 to 65,535'],
    [['--tensor-parallel', '0'], "option '--tensor-parallel <n>'"],
    [['--served-name', ''], "option '--served-name <name>' argument '' is invalid"],
  ])('plan %j', async (flags, message) => {
    const { code, stdout, stderr } = await runCli(['plan', ...gguf, ...flags]);
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toContain(message);
  });

  it('plan checks an address only by its spelling: it may plan for another machine', async () => {
    const { code, stdout } = await runCli(['plan', ...gguf, '--bind', '10.255.255.1', '--json']);
    expect(code).toBe(0);
    expect(JSON.parse(stdout).host).toBe('10.255.255.1');
  });

  it.each([
    [hosts.cpuOnly, '0', 'this host has no GPU, so there is no GPU 0 to use'],
    [hosts.eightGpus, '8', 'this host has no GPU 8; its GPUs are 0, 1, 2, 3, 4, 5, 6, 7'],
  ])('--gpus is checked against the host (%s, --gpus %s)', async (host, gpus, message) => {
    const { code, stderr } = await runCli(['plan', ...gguf.slice(0, 2), '--host-file', host, '--gpus', gpus]);
    expect(code).toBe(2);
    expect(stderr).toContain(`--gpus: ${message}`);
  });

  it('suggests the flag a typo meant, in select too', async () => {
    const { code, stderr } = await runCli(['select', 'qwen2.5-instruct', '--gpu', '0']);
    expect(code).toBe(2);
    expect(stderr).toContain("unknown option '--gpu'\n(Did you mean --gpus?)");
  });

  it('takes gguf for ggufv2, in models and in a spec', async () => {
    const models = await runCli(['models', '--format', 'gguf', '--json']);
    expect(models.code).toBe(0);
    const listed = JSON.parse(models.stdout) as { specs: { format: string }[] }[];
    expect(listed.length).toBeGreaterThan(10);
    for (const model of listed) expect(model.specs.map((spec) => spec.format)).toContain('ggufv2');
    const select = await runCli(['select', 'tiny', '--format', 'GGUF', '--host-file', hosts.cpuOnly, '--json']);
    expect(JSON.parse(select.stdout).spec.format).toBe('ggufv2');
  });

  it('refuses launch on Windows, saying why, before anything else', async () => {
    const { code, stderr } = await runCli(['launch', './tiny.gguf'], { platform: 'win32' });
    expect(code).toBe(1);
    expect(stderr).toContain('Switchyard cannot start engines on Windows yet');
    expect(stderr).toContain('WSL 2');
  });
});

describe('files named by flags', () => {
  it.each([
    ['/dev/zero', 'cannot read it: it is larger than 64 MiB, more than such a file ever holds'],
    [tmpdir(), 'cannot read it: it is a folder, not a file'],
  ])('%s is refused without reading it all', async (path, message) => {
    const { code, stderr } = await runCli(['select', 'qwen2.5-instruct', '--host-file', path]);
    expect(code).toBe(2);
    expect(stderr).toContain(`Invalid --host-file ${path}:\n  ${message}`);
  });

  it('serve names the served NAME of a bad [NAME=]MODEL, not a --name flag it does not have', async () => {
    const { code, stderr } = await runCli(['serve', 'my model=qwen2.5-instruct']);
    expect(code).toBe(2);
    expect(stderr).toContain('error: Invalid MODEL my model=qwen2.5-instruct:\n  NAME: name must not contain spaces\n');
    expect(stderr).not.toContain('--name');
  });

  it('an error quoting a huge argument cuts it short', async () => {
    const { code, stderr } = await runCli(['select', 'a'.repeat(100_000)]);
    expect(code).toBe(2);
    expect(stderr.length).toBeLessThan(3000);
    expect(stderr).toMatch(/… \(9\d,\d{3} more characters\)/);
  });

  it('engine arguments given to a command that starts no engine are refused, not dropped', async () => {
    const { code, stderr } = await runCli(['select', 'qwen2.5-instruct', '--', '--port', '1']);
    expect(code).toBe(2);
    expect(stderr).toContain('engine arguments after --: select starts no engine, so it has nowhere to pass them');
  });
});

describe("a spec file's modelPath is read before anything is planned or started", () => {
  it.each([
    ['ggufv2', '/etc/passwd', '/etc/passwd is not a GGUF file: it does not start with the bytes "GGUF".'],
    // Relative to the spec file's folder, as in --model-file.
    ['ggufv2', 'nope.gguf', 'no such file or folder: <dir>/nope.gguf'],
    ['pytorch', '/etc/passwd', '/etc/passwd is a file; a pytorch model is a folder holding config.json'],
  ])('%s at %s: select and plan exit 2 naming the field', async (format, modelPath, message) => {
    const spec = await file('model-path.json', JSON.stringify({ modelName: 'm', format, modelPath }));
    for (const command of ['select', 'plan']) {
      const { code, stderr } = await runCli([command, '--spec-file', spec, '--host-file', hosts.rtx4090]);
      expect(code).toBe(2);
      expect(stderr).toContain(`error: Invalid --spec-file ${spec}:\n  modelPath: ${message.replace('<dir>', dir)}`);
      // A hint follows, saying what to do next.
      expect(stderr).toMatch(/\n {2}modelPath: [^\n]+\n[A-Z][^\n]+\n$/);
      const json = await runCli([command, '--spec-file', spec, '--host-file', hosts.rtx4090, '--json']);
      expect(json.code).toBe(2);
      expect(JSON.parse(json.stdout).error).toMatchObject({ code: 'INVALID_INPUT', hint: expect.any(String) });
    }
  });

  it("reads a relative modelPath from the spec file's folder, wherever the command runs", async () => {
    const folder = await mkdtemp(join(dir, 'beside-'));
    await writeTinyLlama(join(folder, 'tiny.gguf'));
    const spec = join(folder, 'spec.json');
    await writeFile(spec, JSON.stringify({ modelName: 'tiny', format: 'ggufv2', modelPath: './tiny.gguf' }));
    const { code, stdout } = await runCli(['plan', '--spec-file', spec, '--host-file', hosts.rtx4090, '--json'], {
      cwd: tmpdir(),
    });
    expect(code).toBe(0);
    expect(JSON.parse(stdout).args).toContain(join(folder, 'tiny.gguf'));
  });

  it("names the file's own format field as the file's, and --format only when the flag set it", async () => {
    const spec = await file('format.json', JSON.stringify({ modelName: 'm', format: 'nope' }));
    const own = await runCli(['select', '--spec-file', spec, '--host-file', hosts.rtx4090]);
    expect(own.code).toBe(2);
    expect(own.stderr).toContain(`error: Invalid --spec-file ${spec}:\n  format: "nope" is not a model format`);
    expect(own.stderr).not.toContain('--format');
    const flag = await runCli(['plan', '--spec-file', spec, '--format', 'nope2', '--host-file', hosts.rtx4090]);
    expect(flag.code).toBe(2);
    expect(flag.stderr).toContain('\n  --format: "nope2" is not a model format');
  });

  it('a custom model of --model-file is read the same way, for the spec picked', async () => {
    await file('passwd.gguf', 'root:x:0:0:root:/root:/bin/bash\n');
    const spec = { format: 'ggufv2', sizeInBillions: 8, quantizations: ['Q4_K_M'], modelPath: './passwd.gguf' };
    const models = await file(
      'models.json',
      JSON.stringify([{ modelName: 'mine', modelFamily: 'llama-3-instruct', specs: [spec] }]),
    );
    const { code, stderr } = await runCli(['plan', 'mine', '--model-file', models, '--host-file', hosts.rtx4090]);
    expect(code).toBe(2);
    expect(stderr).toContain(`error: Invalid model mine:\n  modelPath: ${join(dir, 'passwd.gguf')} is not a GGUF file`);
  });

  it('launch refuses /etc/passwd as a GGUF model without starting an engine', async () => {
    const spec = await file(
      'passwd.json',
      JSON.stringify({ modelName: 'm', format: 'ggufv2', modelPath: '/etc/passwd' }),
    );
    const { code, stderr } = await runCliBinary(['launch', '--spec-file', spec, '--ready-timeout', '10']);
    expect(code).toBe(2);
    expect(stderr).toContain('modelPath: /etc/passwd is not a GGUF file');
    expect(stderr).not.toContain('root:');
    expect(stderr).not.toMatch(/Engine log|Starting/);
  });
});

describe('host files', () => {
  it('bounds numbers: a GPU of 1e308 MiB is refused, not "fits in Infinity GiB"', async () => {
    const host = await file(
      'huge.json',
      JSON.stringify({ os: 'linux', arch: 'x64', gpus: [{ index: 0, vendor: 'nvidia', name: 'X', memoryMiB: 1e308 }] }),
    );
    const { code, stderr } = await runCli(['select', 'qwen2.5-instruct', '--host-file', host]);
    expect(code).toBe(2);
    expect(stderr).toContain('gpus.0.memoryMiB: memoryMiB must be at most 16 TiB');
    expect(stderr).not.toContain('Infinity');
  });

  it('keeps errors short: 200,000 malformed GPUs are refused in one line, 1,000 with a count', async () => {
    const many = await file('many.json', JSON.stringify({ os: 'linux', arch: 'x64', gpus: Array(200_000).fill({}) }));
    const refused = await runCli(['select', 'qwen2.5-instruct', '--host-file', many]);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain('gpus: a host has at most 1024 GPUs here');
    expect(refused.stderr.length).toBeLessThan(300);

    const some = await file(
      'some.json',
      JSON.stringify({ os: 'linux', arch: 'x64', gpus: Array(1000).fill({ index: -1 }) }),
    );
    const { code, stderr } = await runCli(['select', 'qwen2.5-instruct', '--host-file', some]);
    expect(code).toBe(2);
    expect(stderr.split('\n').filter((line) => line.startsWith('  gpus.'))).toHaveLength(20);
    expect(stderr).toContain('  … and 2,980 more (3,000 in all)');
    expect(stderr.length).toBeLessThan(4096);
  });

  it('never lets a file drive the terminal: control characters in names are not printed', async () => {
    const escapes = '\u001b]0;owned\u0007\u001b[31mred\u001b[2J';
    const host = await file(
      'escapes.json',
      JSON.stringify({ os: 'linux', arch: 'x64', gpus: [{ index: 0, vendor: 'nvidia', name: `GPU${escapes}` }] }),
    );
    const models = await file(
      'models.json',
      JSON.stringify({
        modelName: `evil${escapes}`,
        modelFamily: 'qwen2.5-instruct',
        specs: [{ format: 'pytorch', sizeInBillions: 7, quantizations: ['none'], hubId: 'me/evil' }],
      }),
    );
    const select = await runCli(['select', 'qwen2.5-instruct', '--host-file', host]);
    const listed = await runCli(['models', '--model-file', models, '--name', 'evil']);
    const unknown = await runCli(['select', `no${escapes}`, '--host-file', host]);
    for (const { stdout, stderr } of [select, listed, unknown]) {
      // biome-ignore lint/suspicious/noControlCharactersInRegex: looking for them is the point.
      expect(`${stdout}${stderr}`).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/);
    }
    expect(select.stdout).toContain('GPU]0;owned[31mred[2J');
    expect(listed.stdout).toContain('evil]0;owned[31mred[2J');
  });
});

describe('--json means JSON on stdout, failures included', () => {
  it.each([
    [['select', 'no-such-model', '--json'], 'INVALID_INPUT', 2],
    [['plan', ...gguf, '--port', '0', '--json'], 'INVALID_INPUT', 2],
    [['plan', ...gguf, '--jsn', '--json'], 'INVALID_INPUT', 2],
    [['select', 'qwen2.5-instruct', '--engine', 'nope', '--json'], 'UNKNOWN_ENGINE', 2],
    // Each of these had no hint: every InvalidInputError now carries one.
    [['select', '--json'], 'INVALID_INPUT', 2],
    [['select', 'qwen2.5-instruct', '--json', '--', '--port', '1'], 'INVALID_INPUT', 2],
    [['select', 'qwen2.5-instruct', '--gpus', '3', '--host-file', hosts.rtx4090, '--json'], 'INVALID_INPUT', 2],
    [['select', 'qwen2.5-instruct', '--size', 'abc', '--host-file', hosts.rtx4090, '--json'], 'INVALID_INPUT', 2],
    [['launch', 'qwen2.5-instruct', '--host-file', hosts.rtx4090, '--json'], 'INVALID_INPUT', 2],
  ])('%j', async (argv, errorCode, exit) => {
    const { code, stdout } = await runCli(argv);
    expect(code).toBe(exit);
    const { error } = JSON.parse(stdout);
    expect(Object.keys(error).sort()).toEqual(['code', 'hint', 'message']);
    expect(error.hint).toMatch(/^[A-Z].*\.$/);
    expect(error.code).toBe(errorCode);
  });

  it('plan with no engine that can run the model gives the error and every engine’s reasons', async () => {
    const { code, stdout } = await runCli(['plan', 'm', '--format', 'mlx', '--host-file', hosts.cpuOnly, '--json']);
    expect(code).toBe(1);
    const { error } = JSON.parse(stdout);
    expect(error).toMatchObject({ code: 'NO_ELIGIBLE_ENGINE', message: expect.stringContaining('No engine can run') });
    expect(error.candidates.find((c: { backend: string }) => c.backend === 'mlx').reasons[0]).toContain('macOS');
  });
});

describe('plan --json of a model too large for the host', () => {
  const tooLarge = ['qwen2.5-instruct', '--format', 'pytorch', '--size', '72', '--host-file', hosts.rtx4090, '--json'];

  it('plan keeps the code MODEL_TOO_LARGE: engines can run it, it fits nowhere', async () => {
    const { code, stdout } = await runCli(['plan', ...tooLarge]);
    expect(code).toBe(1);
    const { error } = JSON.parse(stdout);
    expect(error.code).toBe('MODEL_TOO_LARGE');
    expect(error.message).toContain(
      'pick a smaller --size or --quantization, or plan for a larger host (the --host-file option)',
    );
    expect(error.hint).toEqual(expect.any(String));
    expect(`${error.message} ${error.hint}`).not.toMatch(/`(size|host|format|quantization)`/);
  });
});

describe('API keys come from the environment or a file, never echoed', () => {
  const plan = (args: readonly string[], env: NodeJS.ProcessEnv = {}) =>
    runCli(['plan', ...gguf, '--json', ...args], { env: { ...process.env, SWITCHYARD_API_KEY: undefined, ...env } });

  it('reads $SWITCHYARD_API_KEY and shows it masked', async () => {
    const { code, stdout, stderr } = await plan([], { SWITCHYARD_API_KEY: 'env-key-123' });
    expect(code).toBe(0);
    expect(JSON.parse(stdout).env).toEqual({ LLAMA_API_KEY: '***' });
    expect(`${stdout}${stderr}`).not.toContain('env-key-123');
  });

  it('reads --api-key-file (one line, its newline dropped), and warns when others can read the file', async () => {
    const key = await file('key', 'file-key-456\n');
    await chmod(key, 0o644);
    const { code, stdout, stderr } = await plan(['--api-key-file', key]);
    expect(code).toBe(0);
    expect(JSON.parse(stdout).env).toEqual({ LLAMA_API_KEY: '***' });
    expect(stderr).toContain(`warning: ${key} can be read by other users (mode 644); \`chmod 600 ${key}\``);
    await chmod(key, 0o600);
    expect((await plan(['--api-key-file', key])).stderr).toBe('');
  });

  it('warns that a literal --api-key is visible to other users', async () => {
    const { code, stderr } = await plan(['--api-key', 'literal-789']);
    expect(code).toBe(0);
    expect(stderr).toContain('--api-key puts the key on a command line, where every user of this machine can read it');
    expect(stderr).not.toContain('literal-789');
  });

  it.each([
    [['--api-key-file', '/no/such/key'], {}, '--api-key-file: cannot read it: no such file'],
    [['--api-key', 'a', '--api-key-file', '/etc/hostname'], {}, 'give the key one way'],
    [[], { SWITCHYARD_API_KEY: '  ' }, '$SWITCHYARD_API_KEY: the key is empty'],
    [[], { SWITCHYARD_API_KEY: 'two words' }, 'the key may hold only visible ASCII characters'],
  ])('refuses %j %j', async (args, env, message) => {
    const { code, stdout, stderr } = await plan(args, env);
    expect(code).toBe(2);
    expect(JSON.parse(stdout).error.message).toContain(message);
    expect(`${stdout}${stderr}`).not.toContain('two words');
  });
});
