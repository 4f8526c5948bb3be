import { createSwitchyard, lazyHost, lazySupervisor, type ModelFetcher, type Switchyard } from '@switchyard/core';
import { assertKnownPreferences, readSwitchyardConfig, type SwitchyardConfig } from './config-file.js';
import { type HostFlags, readHostFlag } from './host-input.js';
import { type PluginFlags, resolvePlugins } from './plugins.js';

const DETECTED_HOST = lazyHost(() => import('@switchyard/host-detection'));
const SUPERVISOR = lazySupervisor(() => import('@switchyard/supervisor'));

/**
 * The instance a command works with: the first-party plugins, the config file's and --plugin's,
 * the config file's preferences (each naming a loaded engine), the --host-file host if given, and
 * the fetcher that brings models onto this machine for engines that load only local files.
 */
export async function composeSwitchyard(
  flags: PluginFlags & HostFlags,
  cwd: string,
  fetcher?: ModelFetcher,
): Promise<{ readonly switchyard: Switchyard; readonly config: SwitchyardConfig }> {
  const config = await readSwitchyardConfig(cwd, flags.config);
  const [plugins, hostFromFile] = await Promise.all([resolvePlugins(flags, cwd, config), readHostFlag(flags, cwd)]);
  const switchyard = createSwitchyard({
    plugins,
    prefer: config.prefer,
    // The CLI ships both packages; named here, they are bundled, and load only when used.
    host: hostFromFile ?? DETECTED_HOST,
    supervisor: SUPERVISOR,
    ...(fetcher === undefined ? {} : { fetcher }),
  });
  assertKnownPreferences(config, switchyard.registry.names());
  return { switchyard, config };
}
