import { SwitchyardError } from '../errors/switchyard-error.js';

/** The OS has no way for the supervisor to stop an engine and everything it started. */
export class UnsupportedPlatformError extends SwitchyardError {
  constructor(platform: string) {
    super(
      'UNSUPPORTED_PLATFORM',
      `Switchyard cannot start engines on ${platform === 'win32' ? 'Windows' : platform} yet: it stops an engine, and whatever the engine started, through POSIX process groups and signals, which ${platform} does not have.`,
      {
        hint: 'Run it under WSL 2 (Linux) instead. select and plan work here, and --host-file plans for another machine.',
      },
    );
  }
}

/** Refuses to start an engine where the supervisor could not be sure to stop it again. */
export function assertSupervisedPlatform(platform: NodeJS.Platform = process.platform): void {
  if (platform === 'win32') throw new UnsupportedPlatformError(platform);
}
