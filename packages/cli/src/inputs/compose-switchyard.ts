import {
  createSwitchyard,
  fixedHost,
  lazyHost,
  lazySupervisor,
  type ModelFetcher,
  type ModelReader,
  type Switchyard,
} from '@switchyard/core';
import { assertKnownPreferences, readSwitchyardConfig, type SwitchyardConfig } from './config-file.js';
import { type HostFlags, readHostFlag } from './host-input.js';
import { type PluginFlags, resolvePlugins } from './plugins.js';

const DETECTED_HOST = lazyHost(() => import('@switchyard/host-detection'));
const SUPERVISOR = lazySupervisor(() => import('@switchyard/supervisor'));

/**
 * The instance a command works with: the first-party plugins, the config file's and --plugin's,
 * the config file's preferences (each naming a loaded engine), the --host-file host if given, and
 * the hub: its ids as models, and its files fetched for engines that load only local files.
 */
export async function composeSwitchyard(
  flags: PluginFlags & HostFlags,
  cwd: string,
  hub?: { readonly fetcher: ModelFetcher; readonly reader: ModelReader },
): Promise<{ readonly switchyard: Switchyard; readonly config: SwitchyardConfig }> {
  const config = await readSwitchyardConfig(cwd, flags.config);
  const [plugins, hostFromFile] = await Promise.all([resolvePlugins(flags, cwd, config), readHostFlag(flags, cwd)]);
  const switchyard = createSwitchyard({
    plugins,
    prefer: config.prefer,
    // The CLI ships both packages; named here, they are bundled, and load only when used. A host file
    // was validated as it was read, so it goes in as a provider rather than to be parsed again.
    host: hostFromFile === undefined ? DETECTED_HOST : fixedHost(hostFromFile),
    supervisor: SUPERVISOR,
    // Hub ids first: the GGUF file reader takes anything with a slash for a path.
    ...(hub === undefined ? {} : { fetcher: hub.fetcher, readers: (defaults) => [hub.reader, ...defaults] }),
  });
  assertKnownPreferences(config, switchyard.registry.names());
  return { switchyard, config };
}
