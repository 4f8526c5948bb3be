import { createRequire } from 'node:module';
import { InvalidInputError } from '@switchyard/core';
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
import { serveCommand } from './commands/serve.js';
import { ExitCode } from './exit-codes.js';
import { type CliIo, processIo } from './io.js';
import { terminalSafe } from './output/terminal-safe.js';
import { printError, reportError } from './report-error.js';

export { ExitCode } from './exit-codes.js';
export type { CliIo } from './io.js';

/** Every command, by the name it is run as. */
const COMMANDS: Readonly<Record<string, (context: CommandContext) => Command>> = {
  select: selectCommand,
  plan: planCommand,
  launch: launchCommand,
  serve: serveCommand,
  models: modelsCommand,
  pull: pullCommand,
  rm: rmCommand,
  engines: enginesCommand,
  host: hostCommand,
  deploy: deployCommand,
};

/** The commands that hand the arguments after `--` to an engine. */
const TAKES_ENGINE_ARGUMENTS = new Set(['plan', 'launch', 'deploy', 'serve']);

/** The CLI's version, read through the package's own export, so the bundle finds it too. */
const version = () => (createRequire(import.meta.url)('switchyard/package.json') as { version: string }).version;

/**
 * Runs the CLI with `argv` (without node and the script) and resolves with the exit code. Everything
 * after the first `--` is handed to the engine verbatim. With `--json`, failures are JSON on stdout too.
 */
export async function main(argv: readonly string[], given: CliIo = processIo()): Promise<number> {
  const separator = argv.indexOf('--');
  const ownArgs = separator === -1 ? argv : argv.slice(0, separator);
  const json = ownArgs.includes('--json');
  // Whatever is printed, from files, engines or flags, reaches the terminal without control characters.
  const io: CliIo = {
    ...given,
    stdout: (text) => given.stdout(terminalSafe(text, given.color)),
    stderr: (text) => given.stderr(terminalSafe(text, given.color)),
  };
  let exitCode: number = ExitCode.ok;
  const context: CommandContext = {
    io,
    extraArgs: separator === -1 ? [] : argv.slice(separator + 1),
    setExitCode: (code) => {
      exitCode = code;
    },
  };
  // Commander's own errors (an unknown flag, a bad value): printed as they come, or kept for --json.
  let commanderError = '';
  const output = {
    writeOut: io.stdout,
    writeErr: io.stderr,
    outputError: (text: string, write: (text: string) => void) => {
      if (json) commanderError += text;
      else write(text);
    },
  };
  const program = new Command('switchyard')
    .description('Pick and run the right LLM inference engine for a model on this machine.')
    .exitOverride();
  // Only the command being run is built, with its options: building all of them costs every run a
  // few ms. Help, a typo or no command at all gets every one, to list them and suggest the closest.
  const invoked = ownArgs.find((arg) => !arg.startsWith('-'));
  const builds =
    invoked !== undefined && Object.hasOwn(COMMANDS, invoked) ? [COMMANDS[invoked]] : Object.values(COMMANDS);
  for (const build of builds) if (build) program.addCommand(build(context));
  // Its package.json is read only where --version can be asked for or listed.
  if (builds.length > 1 || ownArgs.includes('-V') || ownArgs.includes('--version')) program.version(version());
  for (const command of [program, ...program.commands]) {
    command
      .exitOverride()
      .configureOutput(output)
      .showHelpAfterError(json ? false : '(run with --help for usage)');
  }

  // Arguments after `--` would be dropped without a word by a command that starts no engine.
  program.hook('preAction', (_, command) => {
    if (context.extraArgs.length > 0 && !TAKES_ENGINE_ARGUMENTS.has(command.name())) {
      throw new InvalidInputError(
        'command line',
        [
          {
            field: 'engine arguments after --',
            message: `${command.name()} starts no engine, so it has nowhere to pass them; only ${[...TAKES_ENGINE_ARGUMENTS].join(', ')} take them`,
          },
        ],
        'Drop the arguments after --: only the commands named take them.',
      );
    }
  });

  try {
    await program.parseAsync([...ownArgs], { from: 'user' });
    return exitCode;
  } catch (error) {
    if (error instanceof CommanderError) {
      // Help and --version are not failures; anything else commander refused is bad input.
      if (error.exitCode === 0) return ExitCode.ok;
      if (json) {
        const message = commanderError.trim().replace(/^error: /, '');
        printError({ code: 'INVALID_INPUT', message, hint: 'Run with --help for usage.' }, io, true);
      }
      return ExitCode.badInput;
    }
    return reportError(error, io, json);
  }
}
