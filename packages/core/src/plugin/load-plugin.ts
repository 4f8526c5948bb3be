import { existsSync, readFileSync, statSync } from 'node:fs';
import { isAbsolute, join, resolve } from 'node:path';
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
    // The resolver loads only when a plugin does: most runs name none.
    const { resolve: resolveImport } = await import('import-meta-resolve');
    url = resolvePlugin(specifier, fromDir, resolveImport);
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

/**
 * Resolved as `import` would from a module in `fromDir`, so a package's `exports` count with the
 * conditions Switchyard itself loads under (`import`, `node`, `default`).
 */
type ResolveImport = (specifier: string, parent: string) => string;

function resolvePlugin(specifier: string, fromDir: string, resolveImport: ResolveImport): string {
  if (!looksLikePath(specifier)) {
    try {
      return resolveImport(specifier, pathToFileURL(join(fromDir, 'noop.js')).href);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ERR_MODULE_NOT_FOUND') throw error;
      throw new Error(
        `no package "${specifier}" is installed where ${fromDir} can import it (npm install ${specifier})`,
      );
    }
  }
  const path = resolve(fromDir, specifier);
  if (!existsSync(path)) throw new Error(`there is no file ${path}`);
  return isDirectory(path) ? packageEntry(path, resolveImport) : pathToFileURL(path).href;
}

/** A package directory's entry: its `exports` for ".", as the package would import itself; else `main`. */
function packageEntry(dir: string, resolveImport: ResolveImport): string {
  const manifest = join(dir, 'package.json');
  const { name, exports, main } = JSON.parse(readFileSync(manifest, 'utf8')) as {
    name?: string;
    exports?: unknown;
    main?: string;
  };
  if (exports !== undefined && name) return resolveImport(name, pathToFileURL(manifest).href);
  return pathToFileURL(join(dir, main ?? 'index.js')).href;
}

function isDirectory(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

function looksLikePath(specifier: string): boolean {
  return specifier.startsWith('.') || isAbsolute(specifier) || /\.[cm]?js$/.test(specifier);
}
