import { loadPlugin, type SwitchyardPlugin } from '@switchyard/core';
import { BUILTIN_PLUGINS } from '../builtin-plugins.js';

export interface PluginFlags {
  readonly plugin?: readonly string[];
}

/** The five first-party plugins plus each `--plugin` module, resolved from the working directory. */
export async function resolvePlugins(flags: PluginFlags, cwd: string): Promise<SwitchyardPlugin[]> {
  const extra = await Promise.all((flags.plugin ?? []).map((specifier) => loadPlugin(specifier, cwd)));
  return [...BUILTIN_PLUGINS, ...extra];
}
