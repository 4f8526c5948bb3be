import type { InjectionToken } from 'tsyringe';
import type { HostProvider } from '../host/host-provider.js';
import type { Supervisor } from '../launch/supervisor.js';

/** What a Switchyard instance asks its container for; tests and embedders override them. */
export const HOST_PROVIDER: InjectionToken<HostProvider> = Symbol.for('switchyard.HostProvider');
export const SUPERVISOR: InjectionToken<Supervisor> = Symbol.for('switchyard.Supervisor');
export const PREFERENCES: InjectionToken<readonly string[]> = Symbol.for('switchyard.Preferences');
