import { type ChildProcessByStdio, execFileSync, spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { once } from 'node:events';
import { existsSync } from 'node:fs';
import { createInterface, type Interface } from 'node:readline';
import type { Readable } from 'node:stream';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { CLI_BIN, REPO_ROOT, runCli } from './support/run-cli.js';

// A third-party plugin whose backend plans a fake engine server (test/fixtures/fake-engines).
const PLUGIN = ['--plugin', './test/fixtures/launch-plugin/fake-engine-plugin.mjs'];
const HOST = ['--host-file', 'test/fixtures/launch-plugin/host.json'];
const launchArgs = (tag: string, options: readonly string[] = [], engineArgs: readonly string[] = []) => [
  'launch',
  'fake-model',
  '--format',
  'pytorch',
  ...PLUGIN,
  ...HOST,
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

async function eventually(check: () => boolean, timeoutMs = 10_000): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (!check() && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 50));
  return check();
}

interface RunningCli {
  readonly child: ChildProcessByStdio<null, Readable, Readable>;
  readonly stdoutLines: Interface;
  stdout: string;
  stderr: string;
  exit: Promise<[number | null, NodeJS.Signals | null]>;
}

const running: RunningCli[] = [];

/** The built binary, as a user runs it, with output collected as it comes. */
function startCli(argv: readonly string[]): RunningCli {
  const child = spawn(process.execPath, [CLI_BIN, ...argv], {
    cwd: REPO_ROOT,
    env: { ...process.env, NO_COLOR: '1' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const cli: RunningCli = {
    child,
    stdoutLines: createInterface({ input: child.stdout }),
    stdout: '',
    stderr: '',
    exit: once(child, 'exit') as Promise<[number | null, NodeJS.Signals | null]>,
  };
  cli.stdoutLines.on('line', (line) => {
    cli.stdout += `${line}\n`;
  });
  child.stderr.on('data', (chunk: Buffer) => {
    cli.stderr += chunk.toString();
  });
  running.push(cli);
  return cli;
}

async function nextStdoutLine(cli: RunningCli, matching: RegExp): Promise<string> {
  for await (const line of cli.stdoutLines) if (matching.test(line)) return line;
  throw new Error(`the CLI ended without printing ${matching}; stderr:\n${cli.stderr}`);
}

beforeAll(() => {
  if (!existsSync(CLI_BIN)) throw new Error('These tests run the built CLI: run `npx tsc -b` first.');
});

afterEach(() => {
  for (const { child } of running.splice(0))
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
});

describe('switchyard launch', () => {
  it('--json prints one ready line, serves until Ctrl-C, then stops the engine and exits 0', async () => {
    const tag = randomUUID();
    const cli = startCli(launchArgs(tag, ['--json'], ['--ready-after', '200']));
    const ready = JSON.parse(await nextStdoutLine(cli, /^\{/));

    expect(Object.keys(ready).sort()).toEqual(['backend', 'baseUrl', 'event', 'pid', 'url']);
    expect(ready).toMatchObject({ event: 'ready', backend: 'fake', baseUrl: `${ready.url}/v1` });
    expect((await fetch(`${ready.url}/health`)).status).toBe(200);
    expect(processesTagged(tag)).toHaveLength(1);

    cli.child.kill('SIGINT');
    expect(await cli.exit).toEqual([0, null]);
    expect(cli.stdout.trim().split('\n')).toHaveLength(1);
    expect(processesTagged(tag)).toEqual([]);
  });

  it('prints the engine, the masked command and the endpoint, streams the log, and stops on SIGTERM', async () => {
    const tag = randomUUID();
    const cli = startCli(launchArgs(tag, ['--api-key', 'sekret-key', '--served-name', 'my-model']));
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
    expect(await cli.exit).toEqual([0, null]);
    expect(cli.stderr).toContain('got SIGTERM, shutting down');
    expect(cli.stderr).toContain('Stopped fake.');
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

  it('stops a loading engine on Ctrl-C and exits 0', async () => {
    const tag = randomUUID();
    const cli = startCli(launchArgs(tag, [], ['--never-ready']));
    await nextStdoutLine(cli, /^Command:/);
    expect(await eventually(() => cli.stderr.includes('listening on'))).toBe(true);

    cli.child.kill('SIGINT');
    expect(await cli.exit).toEqual([0, null]);
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

  it('refuses a --ready-timeout that is not a positive number of seconds, exit 2', async () => {
    const { code, stderr } = await runCli(launchArgs(randomUUID(), ['--ready-timeout', 'soon']));
    expect(code).toBe(2);
    expect(stderr).toContain('--ready-timeout');
    expect(stderr).toContain('"soon"');
  });
});
