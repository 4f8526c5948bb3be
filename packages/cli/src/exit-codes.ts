/** Exit codes every command uses. */
export const ExitCode = {
  ok: 0,
  /** No engine can run the model, or an engine failed. */
  failure: 1,
  /** The input was wrong: a flag, a file, a plugin. The message names the field and the fix. */
  badInput: 2,
  /** launch stopped on SIGHUP, or because whatever started it went away (128 + 1). */
  hangup: 129,
  /** launch stopped on Ctrl-C, SIGINT (128 + 2). */
  interrupted: 130,
  /** launch stopped on SIGTERM (128 + 15). */
  terminated: 143,
} as const;
export type ExitCode = (typeof ExitCode)[keyof typeof ExitCode];
