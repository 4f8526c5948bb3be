import { existsSync, readFileSync, statSync } from 'node:fs';
import { isAbsolute, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { PluginLoadError } from '../errors/registry-errors.js';
import { assertPlugin, type SwitchyardPlugin } from './plugin.js';

/** How long a plugin module may take to load: far longer than any import, short enough to be an answer. */
export const PLUGIN_LOAD_TIMEOUT_MS = 10_000;

/**
 * Imports a plugin module: a file or package directory (relative to `fromDir`), or a package name
 * resolved from `fromDir`. The module's default export must be a plugin. A module whose top-level
 * code has not finished within `timeoutMs` (an `await` that never settles) is refused, rather than
 * hanging the caller or, with nothing else to wait for, ending the process silently (exit 13).
 */
export async function loadPlugin(
  specifier: string,
  fromDir: string = process.cwd(),
  { timeoutMs = PLUGIN_LOAD_TIMEOUT_MS }: { readonly timeoutMs?: number } = {},
): Promise<SwitchyardPlugin> {
  let url: string;
  try {
    // The resolver loads only when a plugin does: most runs name none.
    const { resolve: resolveImport } = await import('import-meta-resolve');
    url = resolvePlugin(specifier, fromDir, resolveImport);
  } catch (error) {
    throw new PluginLoadError(specifier, error);
  }
  let module: { default?: unknown };
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      const seconds = timeoutMs / 1000;
      reject(
        new Error(
          `it did not finish loading within ${seconds} s: its top-level code awaits something that never settles`,
        ),
      );
    }, timeoutMs);
  });
  try {
    module = await Promise.race([import(url) as Promise<{ default?: unknown }>, late]);
  } catch (error) {
    throw new PluginLoadError(specifier, error);
  } finally {
    clearTimeout(timer);
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
