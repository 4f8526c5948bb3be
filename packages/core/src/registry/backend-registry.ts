// tsyringe reads constructor parameter types through the Reflect metadata API.
import 'reflect-metadata';
import { injectable } from 'tsyringe';
import type { Backend } from '../backend/backend.js';
import { DuplicateBackendError, PluginApiVersionError } from '../errors/registry-errors.js';
import { assertPlugin, PLUGIN_API_VERSION, type SwitchyardPlugin } from '../plugin/plugin.js';

interface Registration {
  readonly backend: Backend;
  readonly plugin: string;
}

/** The backends one Switchyard instance knows, each from the plugin that contributed it. */
@injectable()
export class BackendRegistry {
  private readonly registrations = new Map<string, Registration>();

  /** Adds a plugin's backends; all or nothing, so a refused plugin leaves no half-registration. */
  register(plugin: SwitchyardPlugin): void {
    assertPlugin(plugin, `Plugin "${String((plugin as Partial<SwitchyardPlugin>)?.name)}"`);
    if (plugin.apiVersion !== PLUGIN_API_VERSION) {
      throw new PluginApiVersionError(plugin.name, plugin.apiVersion, PLUGIN_API_VERSION);
    }
    const seen = new Set<string>();
    for (const backend of plugin.backends) {
      const existing = this.registrations.get(backend.name);
      if (existing) throw new DuplicateBackendError(backend.name, existing.plugin, plugin.name);
      if (seen.has(backend.name)) throw new DuplicateBackendError(backend.name, plugin.name, plugin.name);
      seen.add(backend.name);
    }
    for (const backend of plugin.backends) this.registrations.set(backend.name, { backend, plugin: plugin.name });
  }

  /** Backends in registration order. */
  list(): Backend[] {
    return [...this.registrations.values()].map((r) => r.backend);
  }

  get(name: string): Backend | undefined {
    return this.registrations.get(name)?.backend;
  }

  names(): string[] {
    return [...this.registrations.keys()];
  }

  pluginOf(name: string): string | undefined {
    return this.registrations.get(name)?.plugin;
  }
}
