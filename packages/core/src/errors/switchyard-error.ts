/** Marks Switchyard errors across copies of this package (a plugin may bundle its own core). */
const BRAND = Symbol.for('switchyard.error');

/**
 * Base class of every error Switchyard throws on purpose. `code` is stable across releases, so
 * callers branch on it instead of on message text; `hint` says what to do next.
 */
export class SwitchyardError extends Error {
  readonly code: string;
  readonly hint: string | undefined;

  constructor(code: string, message: string, options: { hint?: string; cause?: unknown } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = new.target.name;
    this.code = code;
    this.hint = options.hint;
    Object.defineProperty(this, BRAND, { value: true });
  }

  /** The message and the hint, as a person at a terminal should read them. */
  describe(): string {
    return this.hint ? `${this.message}\n${this.hint}` : this.message;
  }
}

export function isSwitchyardError(error: unknown): error is SwitchyardError {
  return error instanceof SwitchyardError || (error instanceof Error && BRAND in error);
}
