import { Command } from 'commander';
import type { CommandContext } from '../command-context.js';
import { ExitCode } from '../exit-codes.js';
import { inSpecFileTerms, resolveTarget, type TargetFlags } from '../inputs/target.js';
import { addModelOptions, addTargetOptions, gpusOption } from '../options.js';
import { candidatesTable } from '../output/candidates-table.js';
import { describeFit } from '../output/describe-fit.js';
import { describeHost } from '../output/describe-host.js';
import { describeSpec } from '../output/describe-spec.js';
import { wordAsFlags } from '../output/flag-words.js';
import { paletteFor } from '../output/palette.js';

interface SelectFlags extends TargetFlags {
  readonly json?: boolean;
}

export function selectCommand({ io, setExitCode }: CommandContext): Command {
  const command = new Command('select')
    .description('choose the engine for a model on this host (or --host-file), explaining every refusal')
    .argument(
      '[model]',
      'model name (builtin or custom), a model folder, a path to a .gguf file, or a hub id (org/name[:QUANT])',
    );
  addModelOptions(command);
  addTargetOptions(command);
  return command
    .addOption(gpusOption('choose for these GPUs only, e.g. 0,1: a catalog model is sized for their memory'))
    .option('--json', 'print the selection as JSON')
    .action(async (model: string | undefined, flags: SelectFlags) => {
      const { switchyard, reference, request } = await resolveTarget(model, flags, io);
      const selection = await inSpecFileTerms(flags, () => switchyard.select(reference, request));
      if (flags.json) {
        io.stdout(`${JSON.stringify(selection)}\n`);
      } else {
        io.stdout(`Model: ${describeSpec(selection.spec)}\n`);
        io.stdout(`       ${wordAsFlags(selection.reason)}\n`);
        io.stdout(describeFit(selection, 'Fit:   '));
        io.stdout(`Host:  ${describeHost(selection.host)}\n`);
        io.stdout(
          selection.chosen
            ? `Chosen engine: ${selection.chosen}\n\n`
            : 'No engine can run this model here; the reasons are below.\n\n',
        );
        io.stdout(`${candidatesTable(selection, io.columns, paletteFor(io))}\n`);
      }
      setExitCode(selection.chosen ? ExitCode.ok : ExitCode.failure);
    });
}
