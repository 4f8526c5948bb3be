import { SwitchyardError } from './switchyard-error.js';

export class DuplicateBackendError extends SwitchyardError {
  constructor(name: string, existingPlugin: string, newPlugin: string) {
    super(
      'DUPLICATE_BACKEND',
      `Backend "${name}" from plugin "${newPlugin}" clashes with the backend of the same name from plugin "${existingPlugin}".`,
      { hint: 'Load only one of the two plugins, or give the new backend another name.' },
    );
  }
}

export class PluginApiVersionError extends SwitchyardError {
  constructor(plugin: string, pluginApiVersion: number, coreApiVersion: number) {
    super(
      'PLUGIN_API_VERSION',
      `Plugin "${plugin}" was built for Switchyard plugin API v${pluginApiVersion}, but this @switchyard/core speaks plugin API v${coreApiVersion}.`,
      {
        hint:
          pluginApiVersion > coreApiVersion
            ? 'Upgrade @switchyard/core, or install an older version of the plugin.'
            : `Install a version of "${plugin}" built for plugin API v${coreApiVersion}.`,
      },
    );
  }
}

export class InvalidPluginError extends SwitchyardError {
  constructor(source: string, problem: string) {
    super('INVALID_PLUGIN', `${source} is not a Switchyard plugin: ${problem}.`, {
      hint: 'A plugin module default-exports definePlugin({ name, apiVersion, backends }) from @switchyard/core.',
    });
  }
}

export class PluginLoadError extends SwitchyardError {
  constructor(specifier: string, cause: unknown) {
    super(
      'PLUGIN_LOAD_FAILED',
      `Could not load plugin module "${specifier}": ${cause instanceof Error ? cause.message : String(cause)}`,
      {
        cause,
        hint: 'Pass a path (./my-plugin.js) or an installed package name, and check that the module imports cleanly.',
      },
    );
  }
}
