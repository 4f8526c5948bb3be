import type { Backend } from '../backend/backend.js';
import { InvalidPluginError } from '../errors/registry-errors.js';
import type { ModelReader } from '../resolution/model-reader.js';

/**
 * The plugin API major version this core speaks. A plugin states the version it was written for as
 * a literal number, so that a plugin built for another major version is refused, not misread.
 */
export const PLUGIN_API_VERSION = 1 as const;

export interface SwitchyardPlugin {
  readonly name: string;
  /** The plugin API major version the plugin was written for: the literal `1`. */
  readonly apiVersion: typeof PLUGIN_API_VERSION;
  readonly backends: readonly Backend[];
  /** Readers of model references of new kinds, tried after the instance's own (see ModelReader). */
  readonly readers?: readonly ModelReader[];
}

/** Declares a plugin; a plugin module default-exports the result. */
export function definePlugin(plugin: SwitchyardPlugin): SwitchyardPlugin {
  assertPlugin(plugin, `Plugin "${String((plugin as Partial<SwitchyardPlugin>)?.name)}"`);
  return Object.freeze({ ...plugin, backends: Object.freeze([...plugin.backends]) });
}

/** Checks the shape of something that claims to be a plugin, e.g. a module's default export. */
export function assertPlugin(value: unknown, source: string): asserts value is SwitchyardPlugin {
  if (typeof value !== 'object' || value === null) throw new InvalidPluginError(source, 'it is not an object');
  const candidate = value as Record<string, unknown>;
  if (typeof candidate.name !== 'string' || candidate.name.length === 0) {
    throw new InvalidPluginError(source, 'it has no name');
  }
  if (!Number.isInteger(candidate.apiVersion)) {
    throw new InvalidPluginError(source, 'its apiVersion is not a whole number');
  }
  if (!Array.isArray(candidate.backends)) throw new InvalidPluginError(source, 'its backends is not an array');
  if (
    candidate.readers !== undefined &&
    (!Array.isArray(candidate.readers) ||
      candidate.readers.some(
        (r: Partial<ModelReader> | null) => typeof r?.name !== 'string' || typeof r.read !== 'function',
      ))
  ) {
    throw new InvalidPluginError(source, 'its readers must be a list of { name, read } model readers');
  }
  for (const backend of candidate.backends as unknown[]) {
    const b = backend as Partial<Backend> | null;
    if (
      typeof b?.name !== 'string' ||
      typeof b.matches !== 'function' ||
      typeof b.launch !== 'function' ||
      typeof b.priority !== 'number' ||
      !Number.isFinite(b.priority)
    ) {
      throw new InvalidPluginError(
        source,
        'one of its backends lacks name, a finite priority, matches or launch; build them with defineBackend',
      );
    }
    if (b.plan !== undefined && typeof b.plan !== 'function') {
      throw new InvalidPluginError(source, `backend "${b.name}" has a plan that is not a function`);
    }
  }
}
