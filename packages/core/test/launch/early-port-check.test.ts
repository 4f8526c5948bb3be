import { describe, expect, it } from 'vitest';
import { InvalidInputError } from '../../src/errors/invalid-input-error.js';
import type { ModelFetcher } from '../../src/fetch/model-fetcher.js';
import type { Supervisor } from '../../src/launch/supervisor.js';
import { createSwitchyard } from '../../src/switchyard.js';
import { linuxCuda, pluginOf, testBackend } from '../fixtures.js';

// A backend that loads only local files, so a hub spec is downloaded before its engine starts.
const localOnly = { ...testBackend('fast', 10), needsLocalFiles: () => true };

function composed(refusal: Error | undefined) {
  const events: string[] = [];
  const fetcher: ModelFetcher = {
    canFetch: () => true,
    fetch: async (spec) => {
      events.push('download');
      return { ...spec, modelPath: '/models/m' };
    },
  };
  const supervisor: Supervisor = {
    freePort: async () => 9000,
    assertUsablePort: async (bind, port) => {
      events.push(`check ${bind}:${port}`);
      if (refusal) throw refusal;
    },
    start: async () => {
      events.push('start');
      throw new Error('stop here');
    },
  };
  const switchyard = createSwitchyard({ plugins: [pluginOf('p', localOnly)], host: linuxCuda, supervisor, fetcher });
  return { switchyard, events };
}

const spec = { modelName: 'm', format: 'pytorch', hubId: 'org/m' } as const;

describe('a pinned port is checked before the model is downloaded', () => {
  it('refuses a port the engine could not listen on, and downloads nothing', async () => {
    const refusal = new InvalidInputError('launch options', [{ field: 'port', message: 'port 1 is below 1024' }], 'x');
    const { switchyard, events } = composed(refusal);
    await expect(switchyard.launch(spec, { port: 1 })).rejects.toBe(refusal);
    expect(events).toEqual(['check 127.0.0.1:1']);
  });

  it('downloads and starts after a usable port, and checks no port it was not given', async () => {
    const pinned = composed(undefined);
    await expect(pinned.switchyard.launch(spec, { port: 9100, bind: '::1' })).rejects.toThrow('stop here');
    expect(pinned.events).toEqual(['check ::1:9100', 'download', 'start']);
    const free = composed(undefined);
    await expect(free.switchyard.launch(spec)).rejects.toThrow('stop here');
    expect(free.events).toEqual(['download', 'start']);
  });
});
