import { resolve } from 'node:path';
import { InvalidInputError } from '../errors/invalid-input-error.js';
import { parseInput } from '../input/parse-input.js';
import { ModelFolderError } from '../model-folder/model-folder-errors.js';
import type { ModelSpec } from '../spec/model-spec.js';
import { type CatalogEntry, catalogEntries } from './catalog-entry.js';
import { type CatalogModel, type CatalogSpec, CustomModelSchema } from './catalog-schema.js';
import { closestNames } from './closest-names.js';

/**
 * The models Switchyard knows by name: the builtin families, and custom models registered on this
 * instance. Names match case-insensitively.
 */
export class Catalog {
  private readonly byName = new Map<string, CatalogModel>();
  private readonly builtin: ReadonlySet<CatalogModel>;

  constructor(builtinFamilies: readonly CatalogModel[]) {
    for (const family of builtinFamilies) this.byName.set(family.modelName.toLowerCase(), family);
    this.builtin = new Set(builtinFamilies);
  }

  /** Builtin families first, then custom models in registration order. */
  list(): CatalogModel[] {
    return [...this.byName.values()];
  }

  get(name: string): CatalogModel | undefined {
    return this.byName.get(name.trim().toLowerCase());
  }

  isBuiltin(model: CatalogModel): boolean {
    return this.builtin.has(model);
  }

  /** The model of that name; an InvalidInputError suggesting close names when there is none. */
  require(name: string, field = 'model'): CatalogModel {
    const model = this.get(name);
    if (!model) throw this.unknownNameError(name, field);
    return model;
  }

  /** The error for a name the catalog lacks, suggesting close names. */
  unknownNameError(name: string, field = 'model'): InvalidInputError {
    const close = closestNames(
      name,
      this.list().map((m) => m.modelName),
    );
    return new InvalidInputError(
      'model name',
      [
        {
          field,
          message: `"${name}" is not in the catalog${close.length ? `; did you mean ${close.join(', ')}?` : ''}`,
        },
      ],
      'Run `switchyard models` to list the catalog. For a model of your own, register it with the family it derives from (--model-file), or give its format.',
    );
  }

  /**
   * Registers a custom model: its own name, the builtin family it derives from (engines judge it by
   * that family), and its specs with a local path or hub id. Abilities and context length default to
   * the family's. `source` names the input in error messages, e.g. `--model-file models.json`;
   * relative model paths resolve against `baseDir` (the file's folder), else the working directory.
   */
  register(input: unknown, source = 'custom model', baseDir?: string): CatalogModel {
    const custom = parseInput(
      CustomModelSchema,
      input,
      source,
      'A custom model needs `modelName`, a builtin `modelFamily` or its `architectures`, and its `specs` (or a `modelPath` folder).',
    );
    if (custom.specs === undefined) {
      throw new InvalidInputError(
        source,
        [
          {
            field: 'specs',
            message: `"${custom.modelName}" gives only modelPath; register it with registerFolders, which reads the folder`,
          },
        ],
        'List its specs, or register it with `registerFolders`.',
      );
    }
    const family = custom.modelFamily === undefined ? undefined : this.builtinFamily(custom.modelFamily, source);
    const existing = this.get(custom.modelName);
    if (existing) {
      throw new InvalidInputError(
        source,
        [
          {
            field: 'modelName',
            message: `"${custom.modelName}" is already a ${this.isBuiltin(existing) ? 'builtin' : 'registered'} model; give yours its own name`,
          },
        ],
        'Give your model a name of its own.',
      );
    }
    const contextLength = custom.contextLength ?? family?.contextLength;
    const model: CatalogModel = {
      modelName: custom.modelName,
      ...(family === undefined ? {} : { modelFamily: family.modelName }),
      abilities: custom.abilities ?? family?.abilities ?? ['chat', 'generate'],
      ...(contextLength === undefined ? {} : { contextLength }),
      ...(custom.architectures === undefined ? {} : { architectures: custom.architectures }),
      specs: baseDir === undefined ? custom.specs : custom.specs.map((spec) => withPathFrom(baseDir, spec)),
    };
    this.byName.set(model.modelName.toLowerCase(), model);
    return model;
  }

  /**
   * Registers custom models as `register` does, first reading the folder of each that gives a
   * model-level `modelPath` and no specs: its format, quantization, size, architectures and context
   * length come from the folder, as when the folder is MODEL.
   */
  async registerFolders(input: unknown, source = 'custom models', baseDir?: string): Promise<CatalogModel[]> {
    const models = Array.isArray(input) ? input : [input];
    const completed = await Promise.all(
      models.map((model) => withFolderSpecs(model, baseDir).catch((error: unknown) => rethrowFor(error, source))),
    );
    return this.registerAll(Array.isArray(input) ? completed : completed[0], source, baseDir);
  }

  private builtinFamily(name: string, source: string): CatalogModel {
    const family = this.get(name);
    if (family && this.isBuiltin(family)) return family;
    const close = closestNames(
      name,
      [...this.builtin].map((m) => m.modelName),
    );
    throw new InvalidInputError(
      source,
      [
        {
          field: 'modelFamily',
          message: `"${name}" is not a builtin family${close.length ? `; did you mean ${close.join(', ')}?` : ''} (run \`switchyard models\` to list them), and may be left out when the model declares its architectures`,
        },
      ],
      "Use a builtin family's name, or leave `modelFamily` out and give `architectures`.",
    );
  }

  /** Registers one custom model, or each of a list (as a `--model-file` may hold). */
  registerAll(input: unknown, source = 'custom models', baseDir?: string): CatalogModel[] {
    if (!Array.isArray(input)) return [this.register(input, source, baseDir)];
    return input.map((model, index) => this.register(model, `${source} (model ${index})`, baseDir));
  }

  /** Every (spec, quantization) of one model, in catalog order. */
  entries(model: CatalogModel): readonly CatalogEntry[] {
    return catalogEntries(model);
  }

  /** Every spec of every model as the backends judge it, e.g. to benchmark `matches` over the catalog. */
  modelSpecs(): ModelSpec[] {
    return this.list().flatMap((model) => catalogEntries(model).map((entry) => entry.modelSpec));
  }
}

/** A custom model with only a folder, completed with the spec and architectures read from it. */
async function withFolderSpecs(input: unknown, baseDir: string | undefined): Promise<unknown> {
  if (typeof input !== 'object' || input === null) return input;
  const model = input as Record<string, unknown>;
  if (typeof model.modelPath !== 'string' || model.specs !== undefined) return input;
  const { readModelFolder } = await import('../model-folder/read-model-folder.js');
  const folder = await readModelFolder(resolve(baseDir ?? '.', model.modelPath));
  const { spec } = folder;
  const { modelPath: _folder, ...rest } = model;
  return {
    ...(spec.architectures === undefined ? {} : { architectures: spec.architectures }),
    ...(spec.contextLength === undefined ? {} : { contextLength: spec.contextLength }),
    ...rest,
    specs: [
      {
        format: spec.format,
        sizeInBillions: spec.sizeInBillions ?? 0.001,
        quantizations: [spec.quantization],
        modelPath: spec.modelPath ?? folder.path,
      },
    ],
  };
}

function rethrowFor(error: unknown, source: string): never {
  if (error instanceof ModelFolderError) {
    throw new InvalidInputError(source, [{ field: 'modelPath', message: error.message }], error.hint);
  }
  throw error;
}

function withPathFrom(baseDir: string, spec: CatalogSpec): CatalogSpec {
  return spec.modelPath === undefined ? spec : { ...spec, modelPath: resolve(baseDir, spec.modelPath) };
}

/**
 * A catalog of the builtin families, with no custom models yet. The data loads on first call, so
 * commands that never resolve a name do not pay for it.
 */
export async function loadCatalog(): Promise<Catalog> {
  const { BUILTIN_FAMILIES } = await import('./builtin-families.js');
  return new Catalog(BUILTIN_FAMILIES);
}
