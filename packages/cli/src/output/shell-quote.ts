const SAFE = /^[\w@%+=:,./-]+$/;

/**
 * One argument as a POSIX shell would need it written, for display only: engines are spawned
 * without a shell, so nothing here is ever run.
 */
export function shellQuote(arg: string): string {
  if (SAFE.test(arg)) return arg;
  return `'${arg.replaceAll("'", `'\\''`)}'`;
}
