import { loadPlugin, type SwitchyardPlugin } from '@switchyard/core';
import { BUILTIN_PLUGINS } from '../builtin-plugins.js';
import { readSwitchyardConfig, type SwitchyardConfig } from './config-file.js';

export interface PluginFlags {
  readonly plugin?: readonly string[];
}

/**
 * The five first-party plugins, the config file's plugins (resolved from its folder) and each
 * `--plugin` module (resolved from the working directory). A module named twice loads once.
 */
export async function resolvePlugins(
  flags: PluginFlags,
  cwd: string,
  config?: SwitchyardConfig,
): Promise<SwitchyardPlugin[]> {
  const { plugins: configured, dir } = config ?? (await readSwitchyardConfig(cwd));
  const extra = await Promise.all([
    ...configured.map((specifier) => loadPlugin(specifier, dir)),
    ...(flags.plugin ?? []).map((specifier) => loadPlugin(specifier, cwd)),
  ]);
  return [...BUILTIN_PLUGINS, ...new Set(extra)];
}
