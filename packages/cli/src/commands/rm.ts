import { Command } from 'commander';
import type { CommandContext } from '../command-context.js';
import { type HubFlags, hubRequestFor } from '../inputs/hub-model.js';
import { addModelOptions, addTargetOptions } from '../options.js';
import { bytes } from '../output/byte-sizes.js';

export function rmCommand({ io }: CommandContext): Command {
  const command = new Command('rm')
    .description("delete a pulled model's repository from the Hugging Face cache")
    .argument('<model>', 'hub id (org/name), or a catalog or custom model name resolved as launch would');
  addModelOptions(command);
  addTargetOptions(command);
  return command.action(async (model: string, flags: HubFlags) => {
    const { repo } = await hubRequestFor(model, flags, io);
    const { hubSettings, removeCachedModel } = await import('@switchyard/hub');
    const settings = hubSettings(io.env);
    const freed = await removeCachedModel(settings, repo);
    io.stdout(`Removed ${repo} from ${settings.cacheDir} (${bytes(freed)} freed).\n`);
  });
}
