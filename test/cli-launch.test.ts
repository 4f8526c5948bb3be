import { execFile, execFileSync, spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { once } from 'node:events';
import { existsSync, readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { CLI_BIN, REPO_ROOT, runCli } from './support/run-cli.js';
import { killRunningClis, nextStdoutLine, startCli } from './support/running-cli.js';

// A third-party plugin whose backend plans a fake engine server (test/fixtures/fake-engines).
const PLUGIN = ['--plugin', './test/fixtures/launch-plugin/fake-engine-plugin.mjs'];
const launchArgs = (tag: string, options: readonly string[] = [], engineArgs: readonly string[] = []) => [
  'launch',
  'fake-model',
  '--format',
  'pytorch',
  ...PLUGIN,
  ...options,
  '--',
  '--tag',
  tag,
  ...engineArgs,
];

/** Live fake-engine processes (zombies excluded) whose command line carries the tag. */
function processesTagged(tag: string): string[] {
  return execFileSync('ps', ['-eo', 'stat=,args='], { encoding: 'utf8' })
    .split('\n')
    .filter((row) => row.includes(tag) && row.includes('fake-engine.mjs') && !row.trim().startsWith('Z'));
}

/** Whether the process is still there and not a zombie (a reaper such as pid 1 may be slow to collect it). */
function isAlive(pid: number): boolean {
  try {
    return !readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.startsWith('Z');
  } catch {
    return false;
  }
}

async function eventually(check: () => boolean, timeoutMs = 10_000): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (!check() && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 50));
  return check();
}

beforeAll(() => {
  if (!existsSync(CLI_BIN)) throw new Error('These tests run the built CLI: run `npx tsc -b` first.');
});

afterEach(killRunningClis);

describe('switchyard launch', () => {
  it('--json prints a ready line and a stopped line, serves until Ctrl-C, then stops the engine and exits 130', async () => {
    const tag = randomUUID();
    const cli = startCli(launchArgs(tag, ['--json', '--served-name', 'my-model'], ['--ready-after', '200']));
    const ready = JSON.parse(await nextStdoutLine(cli, /^\{/));

    expect(Object.keys(ready).sort()).toEqual(['backend', 'baseUrl', 'event', 'pid', 'servedModelName', 'url']);
    expect(ready).toMatchObject({
      event: 'ready',
      backend: 'fake',
      baseUrl: `${ready.url}/v1`,
      servedModelName: 'my-model',
    });
    expect((await fetch(`${ready.url}/health`)).status).toBe(200);
    expect(processesTagged(tag)).toHaveLength(1);

    cli.child.kill('SIGINT');
    expect(await cli.exit).toEqual([130, null]);
    const lines = cli.stdout
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line));
    expect(lines).toHaveLength(2);
    expect(lines[1]).toEqual({
      event: 'stopped',
      backend: 'fake',
      reason: 'SIGINT',
      engineExit: expect.objectContaining({}),
      exitCode: 130,
    });
    expect(processesTagged(tag)).toEqual([]);
  });

  it('launches the backend of a plain-object plugin, which starts its engine through the supervisor it is given', async () => {
    const tag = randomUUID();
    const plain = ['--plugin', './test/fixtures/plain-plugin/plain-object-plugin.mjs'];
    const cli = startCli(['launch', 'fake-model', '--format', 'pytorch', ...plain, '--json', '--', '--tag', tag]);
    const ready = JSON.parse(await nextStdoutLine(cli, /^\{/));
    expect(ready).toMatchObject({ event: 'ready', backend: 'plain' });
    expect((await fetch(`${ready.url}/health`)).status).toBe(200);
    cli.child.kill('SIGINT');
    expect(await cli.exit).toEqual([130, null]);
    expect(processesTagged(tag)).toEqual([]);
  });

  it('prints the engine, the masked command and the endpoint, streams the log, and stops on SIGTERM with 143', async () => {
    const tag = randomUUID();
    const cli = startCli(launchArgs(tag, ['--served-name', 'my-model']), { env: { SWITCHYARD_API_KEY: 'sekret-key' } });
    const serving = await nextStdoutLine(cli, /^Serving:/);
    const baseUrl = serving.match(/(http:\/\/\S+\/v1)/)?.[1] ?? '';

    expect(cli.stdout).toContain('Engine:   fake (runtime fake-engine)');
    expect(cli.stdout).toMatch(
      /Command: {2}FAKE_API_KEY='\*\*\*' \S+ \S+fake-engine\.mjs --host 127\.0\.0\.1 --port \d+/,
    );
    expect(serving).toContain('model "my-model"');
    await fetch(`${baseUrl.replace(/\/v1$/, '')}/say?text=streamed-after-ready`);
    expect(await eventually(() => cli.stderr.includes('streamed-after-ready'))).toBe(true);

    cli.child.kill('SIGTERM');
    expect(await cli.exit).toEqual([143, null]);
    expect(cli.stderr).toContain('got SIGTERM, shutting down');
    expect(cli.stderr).toContain(
      'SIGTERM: stopping fake: sent SIGTERM to its processes, SIGKILL in 10 s if any is left. Press Ctrl-C again to kill them now.',
    );
    expect(cli.stderr).toContain('Stopped fake after SIGTERM; exit 143.');
    expect(`${cli.stdout}${cli.stderr}`).not.toContain('sekret-key');
    expect(processesTagged(tag)).toEqual([]);
  });

  it('leaves no engine behind when the CLI itself is killed with SIGKILL', async () => {
    const tag = randomUUID();
    const cli = startCli(launchArgs(tag, ['--json'], ['--fork-worker']));
    await nextStdoutLine(cli, /"event":"ready"/);
    expect(processesTagged(tag)).toHaveLength(2);

    cli.child.kill('SIGKILL');
    await cli.exit;
    expect(await eventually(() => processesTagged(tag).length === 0)).toBe(true);
  });

  it('stops a loading engine on Ctrl-C and exits 130, saying so', async () => {
    const tag = randomUUID();
    const cli = startCli(launchArgs(tag, [], ['--never-ready']));
    await nextStdoutLine(cli, /^Command:/);
    expect(await eventually(() => cli.stderr.includes('listening on'))).toBe(true);

    cli.child.kill('SIGINT');
    expect(await cli.exit).toEqual([130, null]);
    expect(cli.stderr).toContain('Ctrl-C (SIGINT): stopping fake: sent SIGTERM');
    expect(cli.stderr).toContain('Stopped fake after Ctrl-C (SIGINT); exit 130.');
    expect(processesTagged(tag)).toEqual([]);
  });

  it('stops on SIGHUP and exits 129, saying so', async () => {
    const tag = randomUUID();
    const cli = startCli(launchArgs(tag, ['--json']));
    await nextStdoutLine(cli, /"event":"ready"/);

    cli.child.kill('SIGHUP');
    expect(await cli.exit).toEqual([129, null]);
    expect(JSON.parse(cli.stdout.trim().split('\n')[1] ?? '')).toMatchObject({ event: 'stopped', reason: 'SIGHUP' });
    expect(processesTagged(tag)).toEqual([]);
  });

  describe('a failed launch exits 1 with the reason and the next step, and leaves nothing running', () => {
    it('when the engine exits while loading', async () => {
      const tag = randomUUID();
      const { code, stderr } = await runCli(launchArgs(tag, [], ['--crash-after', '100', '--exit-code', '3']));
      expect(code).toBe(1);
      expect(stderr).toContain('error: fake exited with code 3 before it was ready.');
      expect(stderr).toContain('| fatal: out of memory while loading weights');
      expect(stderr).toContain('switchyard plan');
      expect(processesTagged(tag)).toEqual([]);
    });

    it('when it is not ready within --ready-timeout', async () => {
      const tag = randomUUID();
      const { code, stderr } = await runCli(launchArgs(tag, ['--ready-timeout', '0.5'], ['--never-ready']));
      expect(code).toBe(1);
      expect(stderr).toMatch(/error: fake was not ready after 0\.\d s .* so it was stopped/);
      expect(stderr).toContain('raise --ready-timeout');
      expect(processesTagged(tag)).toEqual([]);
    });

    it('when the engine command is not installed', async () => {
      const { code, stderr } = await runCli(launchArgs(randomUUID(), ['--runtime', 'missing']));
      expect(code).toBe(1);
      expect(stderr).toContain('the command "switchyard-missing-engine" was not found');
      expect(stderr).toContain('npm install -g fake-engine');
    });
  });

  it('exits 1 when the engine dies while serving', async () => {
    const tag = randomUUID();
    const { code, stderr } = await runCli(launchArgs(tag, [], ['--exit-after-ready', '100', '--exit-code', '5']));
    expect(code).toBe(1);
    expect(stderr).toContain('error: fake exited with code 5 while serving.');
    expect(processesTagged(tag)).toEqual([]);
  });

  it.each([['soon'], ['1e9'], ['0'], ['86401']])('refuses --ready-timeout %s, exit 2', async (value) => {
    const { code, stderr } = await runCli(launchArgs(randomUUID(), ['--ready-timeout', value]));
    expect(code).toBe(2);
    expect(stderr).toContain(`option '--ready-timeout <seconds>' argument '${value}' is invalid`);
    expect(stderr).toContain('at most 86,400');
  });
});

describe('switchyard launch refuses what cannot work before starting anything, exit 2', () => {
  it.each([
    [
      'an address this machine does not have',
      ['--bind', '10.255.255.1'],
      '--bind: 10.255.255.1 is not an address of this machine',
    ],
    ['a malformed address', ['--bind', '999.1.1.1'], '"999.1.1.1" is not an IP address or a host name'],
    [
      'a host file (launch runs here)',
      ['--host-file', 'test/fixtures/hosts/macos-apple-silicon.json'],
      '--host-file is for select and plan',
    ],
    ['--gpus on a host without GPUs', ['--gpus', '0'], 'this host has no GPU'],
  ])('%s', async (_, options, message) => {
    const tag = randomUUID();
    const { code, stderr } = await runCli(launchArgs(tag, options));
    expect(code).toBe(2);
    expect(stderr).toContain(message);
    expect(stderr).not.toContain('This is a bug');
    expect(processesTagged(tag)).toEqual([]);
  });

  it.each([['--port', '1'], ['--model', 'other'], ['--host=0.0.0.0'], ['--api-key', 'k']])(
    'engine arguments that set what Switchyard sets: %s',
    async (...engineArgs) => {
      const tag = randomUUID();
      const { code, stderr } = await runCli(launchArgs(tag, [], engineArgs));
      expect(code).toBe(2);
      expect(stderr).toContain(
        `engine arguments after --: ${engineArgs[0]?.split('=')[0]} is set by Switchyard for fake`,
      );
      expect(processesTagged(tag)).toEqual([]);
    },
  );

  it('warns, before anything starts, that a server on every interface with no key is open to anyone', async () => {
    const { code, stderr } = await runCli(launchArgs(randomUUID(), ['--bind', '0.0.0.0'], ['--port', '1']), {
      env: { ...process.env, SWITCHYARD_API_KEY: undefined },
    });
    expect(code).toBe(2);
    expect(stderr).toMatch(/^warning: --bind 0\.0\.0\.0 lets other machines reach the server, and it takes no API key/);
  });
});

describe('switchyard launch keeps the API key off command lines', () => {
  it('takes a literal --api-key with a warning, and hides it from its own command line while serving', async () => {
    const tag = randomUUID();
    const key = `literal-${randomUUID()}`;
    const cli = startCli(launchArgs(tag, ['--json', '--api-key', key]));
    const ready = JSON.parse(await nextStdoutLine(cli, /"event":"ready"/));

    expect(cli.stderr).toContain(
      'warning: --api-key puts the key on a command line, where every user of this machine can read it',
    );
    const table = execFileSync('ps', ['-eo', 'args='], { encoding: 'utf8' });
    expect(table).toContain(`${tag}`);
    expect(table).not.toContain(key);
    expect(readFileSync(`/proc/${ready.pid}/environ`, 'latin1').split('\0')).toContain(`FAKE_API_KEY=${key}`);
    cli.child.kill('SIGINT');
    await cli.exit;
    expect(`${cli.stdout}${cli.stderr}`.split(key)).toHaveLength(1);
  });
});

describe('switchyard launch stops its engine when', () => {
  it('whatever started it is killed (setsid, then SIGTERM to the parent), and exits 129', async () => {
    const tag = randomUUID();
    const dir = await mkdtemp(join(tmpdir(), 'switchyard-parent-'));
    const out = join(dir, 'out');
    const args = launchArgs(tag, ['--json'])
      .map((arg) => `'${arg}'`)
      .join(' ');
    // A parent in a session of its own, as `setsid npx switchyard launch … &` makes: it does not pass SIGTERM on.
    const parent = spawn('sh', ['-c', `'${process.execPath}' '${CLI_BIN}' ${args} > '${out}' 2>&1 & echo $!; wait`], {
      cwd: REPO_ROOT,
      detached: true,
      stdio: ['ignore', 'pipe', 'ignore'],
    });
    const [pidLine] = (await once(parent.stdout, 'data')) as [Buffer];
    const cliPid = Number(pidLine.toString().trim());
    expect(
      await eventually(() => existsSync(out) && readFileSync(out, 'utf8').includes('"event":"ready"'), 30_000),
    ).toBe(true);

    parent.kill('SIGTERM');
    expect(await eventually(() => !isAlive(cliPid), 20_000)).toBe(true);
    expect(processesTagged(tag)).toEqual([]);
    const stopped =
      readFileSync(out, 'utf8')
        .split('\n')
        .find((line) => line.includes('"event":"stopped"')) ?? '';
    expect(JSON.parse(stopped)).toMatchObject({ reason: 'parent-gone', exitCode: 129 });
    await rm(dir, { recursive: true, force: true });
  });

  it('its output is closed (`launch | head -1`), and exits quietly', async () => {
    const tag = randomUUID();
    const args = launchArgs(tag)
      .map((arg) => `'${arg}'`)
      .join(' ');
    const { stdout, stderr } = await promisify(execFile)(
      'bash',
      ['-c', `'${process.execPath}' '${CLI_BIN}' ${args} | head -1; echo "status \${PIPESTATUS[0]}"`],
      { cwd: REPO_ROOT, env: { ...process.env, NO_COLOR: '1' } },
    );
    expect(stdout).toMatch(/^Engine: {3}fake \(runtime fake-engine\)\nstatus 0\n$/);
    expect(stderr).not.toMatch(/error|EPIPE|at /);
    expect(processesTagged(tag)).toEqual([]);
  });
});
