/**
 * SIGKILLs process group `pgid` and, should it lead none, the process `pgid` itself. Synchronous,
 * so it works in an 'exit' handler; whatever is already gone is no error.
 */
export function killProcessGroup(pgid: number): void {
  for (const target of [-pgid, pgid]) {
    try {
      process.kill(target, 'SIGKILL');
    } catch {
      // Not a group leader, or already gone.
    }
  }
}
