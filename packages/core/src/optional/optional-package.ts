import { SwitchyardError } from '../errors/switchyard-error.js';

/** A sibling package core loads only when needed, and does not depend on, is not installed. */
export class MissingPackageError extends SwitchyardError {
  constructor(name: string, purpose: string, instead: string) {
    super('MISSING_PACKAGE', `${purpose} needs ${name}, which is not installed.`, {
      hint: `Install it (npm install ${name}), or ${instead}.`,
    });
  }
}

/**
 * Imports an optional peer by name. Core keeps process-spawning and hardware-probing code in
 * packages of their own, so that a backend author's install of core carries none of it; the
 * name is a variable so that neither TypeScript nor a bundler ties core to the package.
 */
export async function loadOptionalPackage<T>(name: string, purpose: string, instead: string): Promise<T> {
  try {
    return (await import(name)) as T;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if ((code === 'ERR_MODULE_NOT_FOUND' || code === 'MODULE_NOT_FOUND') && String(error).includes(name)) {
      throw new MissingPackageError(name, purpose, instead);
    }
    throw error;
  }
}
