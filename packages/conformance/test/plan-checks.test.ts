import type { LaunchPlan } from '@switchyard/core';
import { describe, expect, it } from 'vitest';
import { argvProblems, loopbackProblems, secretProblems } from '../src/index.js';

const plan = (overrides: Partial<LaunchPlan> = {}): LaunchPlan => ({
  backend: 'x',
  runtime: 'x',
  command: 'engine',
  args: ['serve', '--host', '127.0.0.1'],
  env: {},
  secretEnv: [],
  host: '127.0.0.1',
  port: 8000,
  servedModelName: 'm',
  readiness: { method: 'GET', path: '/health', expectStatus: 200 },
  stopSignal: 'SIGTERM',
  installHint: 'install it',
  ...overrides,
});

describe('plan checks', () => {
  it.each(['engine', process.execPath, '/usr/local/bin/llama-server', 'C:\\Program Files\\Engine\\engine.exe'])(
    'accepts the executable %s',
    (command) => expect(argvProblems(plan({ command }))).toEqual([]),
  );

  it.each(['sh', '/bin/bash', 'cmd.exe', 'engine serve m', 'engine;rm', '$(engine)'])(
    'refuses %s as a command',
    (command) => expect(argvProblems(plan({ command }))).not.toEqual([]),
  );

  it.each(['127.0.0.1', '127.0.0.2', '::1', 'localhost'])('accepts the loopback address %s', (host) =>
    expect(loopbackProblems(plan({ host, args: [] }))).toEqual([]),
  );

  it.each<Partial<LaunchPlan>>([
    { host: '0.0.0.0' },
    { host: '192.168.1.5' },
    { args: ['--host=0.0.0.0'] },
    { args: ['--host', '::'] },
    { env: { OLLAMA_HOST: '0.0.0.0:11434' } },
  ])('refuses a default plan that listens beyond loopback: %o', (overrides) =>
    expect(loopbackProblems(plan(overrides))).not.toEqual([]),
  );

  it('does not mistake an address that merely ends in 0.0.0.0 for the wildcard', () => {
    expect(loopbackProblems(plan({ args: ['--allow', '10.0.0.0/8'] }))).toEqual([]);
  });

  it('accepts a key in secret env and refuses it anywhere else', () => {
    expect(secretProblems(plan({ env: { KEY: 'sk-1' }, secretEnv: ['KEY'] }), 'sk-1')).toEqual([]);
    expect(secretProblems(plan({ args: ['--api-key=sk-1'] }), 'sk-1')).toHaveLength(1);
    expect(secretProblems(plan({ env: { KEY: 'sk-1' } }), 'sk-1')).toHaveLength(1);
    expect(secretProblems(plan({ installHint: 'use sk-1' }), 'sk-1')).toHaveLength(1);
  });
});
