import type { InjectionToken } from 'tsyringe';
import type { Catalog } from '../catalog/catalog.js';
import type { ModelFetcher } from '../fetch/model-fetcher.js';
import type { HostProvider } from '../host/host-provider.js';
import type { Supervisor } from '../launch/supervisor.js';
import type { MemoryPolicy } from '../memory/memory-policy.js';
import type { ModelReader } from '../resolution/model-reader.js';

/** What a Switchyard instance asks its container for; tests and embedders override them. */
export const HOST_PROVIDER: InjectionToken<HostProvider> = Symbol.for('switchyard.HostProvider');
export const SUPERVISOR: InjectionToken<Supervisor> = Symbol.for('switchyard.Supervisor');
export const PREFERENCES: InjectionToken<readonly string[]> = Symbol.for('switchyard.Preferences');
/** Whether a model fits a host: the one place memory is judged. */
export const MEMORY_POLICY: InjectionToken<MemoryPolicy> = Symbol.for('switchyard.MemoryPolicy');
/** The catalog of named models, loaded on first use. */
export const CATALOG: InjectionToken<() => Promise<Catalog>> = Symbol.for('switchyard.Catalog');
/** The readers of model references, in the order they are tried. */
export const MODEL_READERS: InjectionToken<readonly ModelReader[]> = Symbol.for('switchyard.ModelReaders');
/** Brings models' files onto this machine for engines that load only local files. */
export const MODEL_FETCHER: InjectionToken<ModelFetcher> = Symbol.for('switchyard.ModelFetcher');
