import { describe, expect, it } from 'vitest';
import {
  BackendRegistry,
  createSwitchyard,
  DuplicateBackendError,
  InvalidPluginError,
  PLUGIN_API_VERSION,
  PluginApiVersionError,
  type SwitchyardPlugin,
} from '../src/index.js';
import { linuxCuda, pluginOf, testBackend } from './fixtures.js';

describe('BackendRegistry', () => {
  it('refuses a second backend of the same name, from another plugin or the same one', () => {
    const registry = new BackendRegistry();
    registry.register(pluginOf('first', testBackend('fast', 10)));
    const clash = () => registry.register(pluginOf('second', testBackend('fast', 20)));
    expect(clash).toThrow(DuplicateBackendError);
    expect(clash).toThrow(/"fast" from plugin "second" clashes .* plugin "first"/);
    expect(() => registry.register(pluginOf('twice', testBackend('x', 1), testBackend('x', 2)))).toThrow(
      DuplicateBackendError,
    );
  });

  it('registers all of a plugin or nothing', () => {
    const registry = new BackendRegistry();
    registry.register(pluginOf('first', testBackend('fast', 10)));
    expect(() => registry.register(pluginOf('mixed', testBackend('new', 1), testBackend('fast', 1)))).toThrow();
    expect(registry.names()).toEqual(['fast']);
  });

  it('refuses a plugin built for another major API version, naming both versions', () => {
    const registry = new BackendRegistry();
    const future: SwitchyardPlugin = { name: 'future', apiVersion: PLUGIN_API_VERSION + 1, backends: [] };
    try {
      registry.register(future);
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(PluginApiVersionError);
      expect((error as PluginApiVersionError).code).toBe('PLUGIN_API_VERSION');
      expect((error as Error).message).toContain(`v${PLUGIN_API_VERSION + 1}`);
      expect((error as Error).message).toContain(`v${PLUGIN_API_VERSION}`);
    }
  });

  it('refuses something that is not a plugin', () => {
    const registry = new BackendRegistry();
    expect(() => registry.register({ name: 'x', apiVersion: 1, backends: [{ name: 'y' }] } as never)).toThrow(
      InvalidPluginError,
    );
    expect(() => registry.register(null as never)).toThrow(InvalidPluginError);
  });
});

describe('createSwitchyard', () => {
  it('gives every instance its own registry', async () => {
    const a = createSwitchyard({ plugins: [pluginOf('p', testBackend('fast', 10))], host: linuxCuda });
    const b = createSwitchyard({ host: linuxCuda });
    b.use(pluginOf('p', testBackend('fast', 10)));
    expect(a.registry).not.toBe(b.registry);
    expect(a.registry.names()).toEqual(['fast']);
    expect(b.registry.names()).toEqual(['fast']);
    expect((await a.select({ modelName: 'm', format: 'pytorch' })).chosen).toBe('fast');
  });

  it('composes only the plugins it is given', async () => {
    const sy = createSwitchyard({ plugins: [pluginOf('p', testBackend('slow', 1))], host: linuxCuda });
    const selection = await sy.select({ modelName: 'm', format: 'pytorch' });
    expect(selection.candidates.map((c) => c.backend)).toEqual(['slow']);
  });
});
