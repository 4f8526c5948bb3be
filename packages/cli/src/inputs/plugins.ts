import { InvalidInputError, loadPlugin, type SwitchyardPlugin } from '@switchyard/core';
import { BUILTIN_PLUGINS } from '../builtin-plugins.js';
import { readSwitchyardConfig, type SwitchyardConfig } from './config-file.js';

export interface PluginFlags {
  readonly plugin?: readonly string[];
  /** `--config FILE`: the config file to read instead of ./switchyard.config.json. */
  readonly config?: string;
}

/**
 * The five first-party plugins, the config file's plugins (resolved from its folder) and each
 * `--plugin` module (resolved from the working directory). A module named twice loads once; one of
 * the first-party plugins named again is refused, as the CLI already has it.
 */
export async function resolvePlugins(
  flags: PluginFlags,
  cwd: string,
  config?: SwitchyardConfig,
): Promise<SwitchyardPlugin[]> {
  const { plugins: configured, dir, path } = config ?? (await readSwitchyardConfig(cwd, flags.config));
  const named = [
    ...configured.map((specifier, i) => ({ specifier, from: dir, field: `plugins.${i}`, what: `config file ${path}` })),
    ...(flags.plugin ?? []).map((specifier) => ({ specifier, from: cwd, field: '--plugin', what: 'command line' })),
  ];
  const extra = await Promise.all(
    named.map(async ({ specifier, from, field, what }) => {
      const plugin = await loadPlugin(specifier, from);
      const builtin = BUILTIN_PLUGINS.find((candidate) => candidate.name === plugin.name);
      if (builtin) {
        const engines = builtin.backends.map((backend) => backend.name).join(', ');
        throw new InvalidInputError(
          what,
          [{ field, message: `${specifier} is built into the switchyard CLI (engine ${engines}); remove it here` }],
          'Drop this --plugin: the engine is already there.',
        );
      }
      return plugin;
    }),
  );
  return [...BUILTIN_PLUGINS, ...new Set(extra)];
}
