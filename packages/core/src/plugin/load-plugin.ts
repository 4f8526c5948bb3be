import { createRequire } from 'node:module';
import { isAbsolute, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { PluginLoadError } from '../errors/registry-errors.js';
import { assertPlugin, type SwitchyardPlugin } from './plugin.js';

/**
 * Imports a plugin module: a file or package directory (relative to `fromDir`), or a package name
 * resolved from `fromDir`. The module's default export must be a plugin.
 */
export async function loadPlugin(specifier: string, fromDir: string = process.cwd()): Promise<SwitchyardPlugin> {
  let url: string;
  try {
    const target = looksLikePath(specifier) ? resolve(fromDir, specifier) : specifier;
    // Node's resolution also turns a package directory into its entry file.
    url = pathToFileURL(createRequire(resolve(fromDir, 'noop.js')).resolve(target)).href;
  } catch (error) {
    throw new PluginLoadError(specifier, error);
  }
  let module: { default?: unknown };
  try {
    module = await import(url);
  } catch (error) {
    throw new PluginLoadError(specifier, error);
  }
  assertPlugin(module.default, `The default export of "${specifier}"`);
  return module.default;
}

function looksLikePath(specifier: string): boolean {
  return specifier.startsWith('.') || isAbsolute(specifier) || /\.[cm]?js$/.test(specifier);
}
