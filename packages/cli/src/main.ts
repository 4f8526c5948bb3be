import { createRequire } from 'node:module';
import { Command, CommanderError } from 'commander';
import type { CommandContext } from './command-context.js';
import { deployCommand } from './commands/deploy.js';
import { enginesCommand } from './commands/engines.js';
import { hostCommand } from './commands/host.js';
import { launchCommand } from './commands/launch.js';
import { modelsCommand } from './commands/models.js';
import { planCommand } from './commands/plan.js';
import { pullCommand } from './commands/pull.js';
import { rmCommand } from './commands/rm.js';
import { selectCommand } from './commands/select.js';
import { ExitCode } from './exit-codes.js';
import { type CliIo, processIo } from './io.js';
import { reportError } from './report-error.js';

export { ExitCode } from './exit-codes.js';
export type { CliIo } from './io.js';

// Through the package's own export, so the bundle finds it too.
const { version: VERSION } = createRequire(import.meta.url)('switchyard/package.json') as { version: string };

/**
 * Runs the CLI with `argv` (without node and the script) and resolves with the exit code. Everything
 * after the first `--` is handed to the engine verbatim.
 */
export async function main(argv: readonly string[], io: CliIo = processIo()): Promise<number> {
  const separator = argv.indexOf('--');
  const ownArgs = separator === -1 ? argv : argv.slice(0, separator);
  const context: CommandContext = {
    io,
    extraArgs: separator === -1 ? [] : argv.slice(separator + 1),
    setExitCode: (code) => {
      exitCode = code;
    },
  };
  let exitCode: number = ExitCode.ok;
  const program = new Command('switchyard')
    .description('Pick and run the right LLM inference engine for a model on this machine.')
    .version(VERSION)
    .showHelpAfterError('(run with --help for usage)')
    .configureOutput({ writeOut: io.stdout, writeErr: io.stderr })
    .exitOverride();
  program.addCommand(selectCommand(context));
  program.addCommand(planCommand(context));
  program.addCommand(launchCommand(context));
  program.addCommand(modelsCommand(context));
  program.addCommand(pullCommand(context));
  program.addCommand(rmCommand(context));
  program.addCommand(enginesCommand(context));
  program.addCommand(hostCommand(context));
  program.addCommand(deployCommand(context));
  for (const command of program.commands)
    command.exitOverride().configureOutput({ writeOut: io.stdout, writeErr: io.stderr });

  try {
    await program.parseAsync([...ownArgs], { from: 'user' });
    return exitCode;
  } catch (error) {
    if (error instanceof CommanderError) {
      // Commander has printed its own message; help and --version are not failures.
      return error.exitCode === 0 ? ExitCode.ok : ExitCode.badInput;
    }
    return reportError(error, io);
  }
}
