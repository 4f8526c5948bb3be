import { describe, expect, it } from 'vitest';
import {
  defineBackend,
  InvalidInputError,
  type LaunchPlan,
  parseModelSpec,
  planLaunch,
  type ResolvedLaunchOptions,
} from '../../src/index.js';
import { linuxCuda } from '../fixtures.js';

// A backend whose plan sets the flags a typical engine server takes.
const engine = defineBackend({
  name: 'engine',
  priority: 1,
  defaultPort: 9000,
  rules: [],
  plan: (spec, _host, options: ResolvedLaunchOptions): LaunchPlan => ({
    backend: 'engine',
    runtime: 'engine',
    command: 'engine-server',
    args: [
      spec.modelName,
      '--port',
      String(options.port),
      '--served-model-name',
      spec.modelName,
      '-tp',
      '1',
      ...options.extraArgs,
    ],
    env: {},
    secretEnv: [],
    host: options.bind,
    port: options.port,
    servedModelName: spec.modelName,
    readiness: { method: 'GET', path: '/health', expectStatus: 200 },
    stopSignal: 'SIGTERM',
    installHint: 'install it',
  }),
});
const spec = parseModelSpec({ modelName: 'm', format: 'pytorch' });
const plan = (extraArgs: string[]) => planLaunch(engine, spec, linuxCuda, { extraArgs });

describe('engine arguments after --', () => {
  it('pass through when they set nothing Switchyard sets', () => {
    expect(plan(['--max-num-seqs', '8', '--enforce-eager']).args.slice(-3)).toEqual([
      '--max-num-seqs',
      '8',
      '--enforce-eager',
    ]);
  });

  it.each([
    [['--port', '1'], '--port'],
    [['--port=1'], '--port'],
    [['--served-model-name', 'x'], '--served-model-name'],
    [['-tp', '2'], '-tp'],
    // Not in this plan, but always Switchyard's: where it listens, what it loads, the key.
    [['--host', '0.0.0.0'], '--host'],
    [['--model', 'other'], '--model'],
    [['--api-key=k'], '--api-key'],
  ])('are refused when they set what the plan sets: %j', (extraArgs, flag) => {
    const error = (() => {
      try {
        plan(extraArgs);
      } catch (caught) {
        return caught;
      }
    })();
    expect(error).toBeInstanceOf(InvalidInputError);
    expect((error as InvalidInputError).problems).toEqual([
      { field: 'extraArgs', message: `${flag} is set by Switchyard for engine; remove it from the engine arguments` },
    ]);
  });

  it('are checked at launch too, before the engine starts', async () => {
    const supervisor = { freePort: async () => 9100, start: async () => expect.unreachable('it started') };
    await expect(engine.launch(spec, linuxCuda, { extraArgs: ['--port', '1'] }, { supervisor })).rejects.toMatchObject({
      code: 'INVALID_INPUT',
    });
  });
});
