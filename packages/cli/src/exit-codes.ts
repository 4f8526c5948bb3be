/** Exit codes every command uses. */
export const ExitCode = {
  ok: 0,
  /** No engine can run the model, or an engine failed. */
  failure: 1,
  /** The input was wrong: a flag, a file, a plugin. The message names the field and the fix. */
  badInput: 2,
} as const;
export type ExitCode = (typeof ExitCode)[keyof typeof ExitCode];
