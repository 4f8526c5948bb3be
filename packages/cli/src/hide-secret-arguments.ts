const MASK = '***';

/**
 * `argv` with the value of every `--api-key` masked, or undefined when it has none. The whole line is
 * searched, engine arguments after `--` too: a key there is refused later, but is masked first.
 */
export function maskSecretArguments(argv: readonly string[]): string[] | undefined {
  let masked = false;
  const result = argv.map((arg, i) => {
    if (arg.startsWith('--api-key=')) {
      masked = true;
      return `--api-key=${MASK}`;
    }
    if (i > 0 && argv[i - 1] === '--api-key') {
      masked = true;
      return MASK;
    }
    return arg;
  });
  return masked ? result : undefined;
}

/**
 * Rewrites what `ps` and /proc show as this process's command line with the API key masked. Node
 * writes a new process title over the memory of the original arguments on Linux (on macOS it only
 * renames the process), so from here on the key is not in Switchyard's argv. Before this ran, and in
 * whatever started Switchyard (a shell, npx), it was: hence the warning, and $SWITCHYARD_API_KEY.
 */
export function hideSecretArguments(): void {
  const masked = maskSecretArguments(process.argv);
  if (masked !== undefined) process.title = masked.join(' ');
}
