import { createServer } from 'node:net';
import { defineBackend, type EngineHandle, parseModelSpec, type Supervisor } from '@switchyard/core';
import { afterEach, describe, expect, it } from 'vitest';
import { linuxCuda } from '../../core/test/fixtures.js';
import { EngineSupervisor } from '../src/engine-supervisor.js';
import { fakeEngine } from './fake-engine.js';

const handles: EngineHandle[] = [];
afterEach(async () => {
  await Promise.all(handles.splice(0).map((handle) => handle.stop()));
});

const fakeBackend = defineBackend({
  name: 'fake',
  priority: 1,
  defaultPort: 8000,
  rules: [],
  plan: (_spec, _host, options) => fakeEngine(options.port).plan,
});
const spec = parseModelSpec({ modelName: 'fake-model', format: 'pytorch' });

describe('free ports', () => {
  it('never hands out the same port twice, even before any engine binds it', async () => {
    const supervisor = new EngineSupervisor();
    const ports = await Promise.all(Array.from({ length: 20 }, () => supervisor.freePort('127.0.0.1')));
    expect(new Set(ports).size).toBe(20);
  });

  it('gives two launches in one process different ports', async () => {
    const supervisor = new EngineSupervisor();
    const launched = await Promise.all([
      fakeBackend.launch(spec, linuxCuda, {}, { supervisor }),
      fakeBackend.launch(spec, linuxCuda, {}, { supervisor }),
    ]);
    handles.push(...launched);
    expect(launched[0]?.port).not.toBe(launched[1]?.port);
  });

  it('picks another free port when the one picked was taken meanwhile and no port was requested', async () => {
    const squatter = createServer();
    await new Promise<void>((resolve) => squatter.listen(0, '127.0.0.1', resolve));
    const taken = (squatter.address() as { port: number }).port;
    const real = new EngineSupervisor();
    const picks: number[] = [];
    // The first pick loses the race to another program.
    const supervisor: Supervisor = {
      freePort: async (bind) => {
        const port = picks.length === 0 ? taken : await real.freePort(bind);
        picks.push(port);
        return port;
      },
      start: (plan, options) => real.start(plan, options),
    };
    const handle = await fakeBackend.launch(spec, linuxCuda, {}, { supervisor });
    handles.push(handle);
    squatter.close();

    expect(picks).toHaveLength(2);
    expect(handle.port).toBe(picks[1]);
    expect(handle.port).not.toBe(taken);
  });

  it('fails with PORT_IN_USE when the requested port is taken', async () => {
    const squatter = createServer();
    await new Promise<void>((resolve) => squatter.listen(0, '127.0.0.1', resolve));
    const taken = (squatter.address() as { port: number }).port;
    const launch = fakeBackend.launch(spec, linuxCuda, { port: taken }, { supervisor: new EngineSupervisor() });
    await expect(launch).rejects.toMatchObject({ code: 'PORT_IN_USE', port: taken });
    squatter.close();
  });
});
