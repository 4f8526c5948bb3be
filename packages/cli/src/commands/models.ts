import {
  type CatalogModel,
  InvalidInputError,
  loadCatalog,
  MODEL_ABILITIES,
  MODEL_FORMATS,
  type ModelAbility,
  toModelFormat,
} from '@switchyard/core';
import { Command } from 'commander';
import type { CommandContext } from '../command-context.js';
import { addModelFile, type CatalogFlags } from '../inputs/model-file.js';
import { modelFileOption } from '../options.js';
import { bytes } from '../output/byte-sizes.js';
import { modelsTable } from '../output/models-table.js';
import { pulledTable } from '../output/pulled-table.js';

interface ModelsFlags extends CatalogFlags {
  readonly json?: boolean;
  readonly pulled?: boolean;
  readonly name?: string;
  readonly format?: string;
  readonly ability?: string;
}

export function modelsCommand({ io }: CommandContext): Command {
  return new Command('models')
    .description(
      'list the model catalog (builtin families and the custom models of --model-file), or with --pulled the cache',
    )
    .option('--name <text>', 'only models whose name contains this text (case-insensitive)')
    .option('--format <format>', `only models published in this format: ${MODEL_FORMATS.join(', ')} (gguf for ggufv2)`)
    .option('--ability <ability>', `only models with this ability: ${MODEL_ABILITIES.join(', ')}`)
    .addOption(modelFileOption())
    .option('--pulled', 'list the models in the Hugging Face cache instead, with their sizes')
    .option('--json', 'print the models, with their specs, as JSON')
    .action(async (flags: ModelsFlags) => {
      if (flags.pulled) return listPulled(io, flags);
      const keep = modelFilter(flags);
      const catalog = await addModelFile(await loadCatalog(), flags, io.cwd);
      const models = catalog.list().filter(keep);
      if (flags.json) {
        const described = models.map((model) => ({ ...model, builtin: catalog.isBuiltin(model) }));
        io.stdout(`${JSON.stringify(described)}\n`);
        return;
      }
      if (models.length === 0) {
        io.stdout('No model in the catalog matches.\n');
        return;
      }
      io.stdout(`${modelsTable(models, io.columns)}\n`);
      io.stdout(
        `${models.length} model${models.length === 1 ? '' : 's'}. \`switchyard engines MODEL\` shows which engine can run one here.\n`,
      );
    });
}

/** The model repositories in the cache (Switchyard's pulls and the engines' own downloads). */
async function listPulled(io: CommandContext['io'], flags: ModelsFlags): Promise<void> {
  const { hubSettings, listCachedModels } = await import('@switchyard/hub');
  const settings = hubSettings(io.env);
  const name = flags.name?.trim().toLowerCase();
  const models = (await listCachedModels(settings)).filter(
    (model) => name === undefined || model.repo.toLowerCase().includes(name),
  );
  if (flags.json) {
    io.stdout(`${JSON.stringify(models)}\n`);
    return;
  }
  if (models.length === 0) {
    io.stdout(
      `The cache at ${settings.cacheDir} holds no model${name ? ' that matches' : ''}. \`switchyard pull MODEL\` adds one.\n`,
    );
    return;
  }
  io.stdout(`${pulledTable(models)}\n`);
  const total = models.reduce((sum, model) => sum + model.bytes, 0);
  io.stdout(`${models.length} model${models.length === 1 ? '' : 's'}, ${bytes(total)}, in ${settings.cacheDir}.\n`);
}

function modelFilter(flags: ModelsFlags): (model: CatalogModel) => boolean {
  const name = flags.name?.trim().toLowerCase();
  const format = flags.format === undefined ? undefined : toModelFormat(flags.format);
  const ability = flags.ability?.trim().toLowerCase();
  if (flags.format !== undefined && format === undefined) {
    throw new InvalidInputError(
      '--format',
      [
        {
          field: '--format',
          message: `"${flags.format}" is not a model format; use one of ${MODEL_FORMATS.join(', ')}`,
        },
      ],
      'Pass one of the formats listed, or leave --format out.',
    );
  }
  if (ability !== undefined && !(MODEL_ABILITIES as readonly string[]).includes(ability)) {
    throw new InvalidInputError(
      '--ability',
      [
        {
          field: '--ability',
          message: `"${flags.ability}" is not an ability; use one of ${MODEL_ABILITIES.join(', ')}`,
        },
      ],
      'Pass one of the abilities listed, or leave --ability out.',
    );
  }
  return (model) =>
    (name === undefined || model.modelName.toLowerCase().includes(name)) &&
    (format === undefined || model.specs.some((spec) => spec.format === format)) &&
    (ability === undefined || model.abilities.includes(ability as ModelAbility));
}
