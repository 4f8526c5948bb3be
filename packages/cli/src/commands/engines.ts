import { Command } from 'commander';
import type { CommandContext } from '../command-context.js';
import { ExitCode } from '../exit-codes.js';
import { composeSwitchyard } from '../inputs/compose-switchyard.js';
import type { HostFlags } from '../inputs/host-input.js';
import { hubServices } from '../inputs/hub-services.js';
import { addModelFile, type CatalogFlags } from '../inputs/model-file.js';
import type { PluginFlags } from '../inputs/plugins.js';
import { addTargetOptions, modelFileOption } from '../options.js';
import { describeHost } from '../output/describe-host.js';
import { describeSpec } from '../output/describe-spec.js';
import { engineOptionsTable } from '../output/engine-options-table.js';
import { wordAsFlags } from '../output/flag-words.js';
import { paletteFor } from '../output/palette.js';

interface EnginesFlags extends CatalogFlags, HostFlags, PluginFlags {
  readonly json?: boolean;
  readonly engine?: string;
  readonly python?: string;
  readonly offline?: boolean;
}

export function enginesCommand({ io, setExitCode }: CommandContext): Command {
  const command = new Command('engines')
    .description(
      'which engine can run MODEL here (or on --host-file): every engine, format, size and quantization the catalog has (or the model folder or file reads as), with the reason when not',
    )
    .argument(
      '<model>',
      'a catalog model (a builtin family or a custom model from --model-file), a model folder or a .gguf file',
    );
  addTargetOptions(command);
  return command
    .addOption(modelFileOption())
    .option('--json', 'print every option as JSON')
    .action(async (name: string, flags: EnginesFlags) => {
      const { switchyard } = await composeSwitchyard(flags, io.cwd, hubServices(io.env, flags.offline === true));
      await addModelFile(await switchyard.catalog(), flags, io.cwd);
      const { model, host, pick, options } = await switchyard.engineOptions(name, {
        cwd: io.cwd,
        ...(flags.engine === undefined ? {} : { engine: flags.engine }),
        ...(flags.python === undefined ? {} : { detect: { python: flags.python } }),
      });
      const runnable = [...new Set(options.filter((o) => o.canRun).map((o) => o.engine))];
      if (flags.json) {
        const { modelName, modelFamily } = model;
        const picked = { engine: pick.chosen, spec: pick.spec, fileName: pick.spec.hubFile, reason: pick.reason };
        io.stdout(`${JSON.stringify({ model: { modelName, modelFamily }, host, pick: picked, options })}\n`);
      } else {
        const family = model.modelFamily ? ` (family ${model.modelFamily})` : '';
        io.stdout(`Model: ${model.modelName}${family} · ${model.abilities.join(', ')}\n`);
        io.stdout(`Host:  ${describeHost(host)}\n`);
        io.stdout(
          runnable.length > 0
            ? `Can run it here: ${runnable.join(', ')}\nPick:  ${pick.chosen} · ${describeSpec(pick.spec)}\n       ${wordAsFlags(pick.reason)}\n\n`
            : `No engine can run ${model.modelName} here; the reasons are below.\n\n`,
        );
        io.stdout(`${engineOptionsTable(options, io.columns, paletteFor(io))}\n`);
      }
      setExitCode(runnable.length > 0 ? ExitCode.ok : ExitCode.failure);
    });
}
