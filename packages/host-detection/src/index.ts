import type { HostProvider } from '@switchyard/core';
import { detectHost } from './detect-host.js';

export { detectHost, detectHostReport, type HostReport, type ProbeReport } from './detect-host.js';

/** Detects the machine this process runs on: the host provider `createSwitchyard` uses by default. */
export const detectedHost: HostProvider = { detect: (options) => detectHost(options) };
