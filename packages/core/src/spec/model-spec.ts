import { z } from 'zod';
import { once } from '../input/once.js';
import { parseInput } from '../input/parse-input.js';
import { MODEL_FORMATS, type ModelFormat, toModelFormat } from './model-format.js';
import { parseSizeInBillions } from './model-size.js';
import { normalizeQuantization } from './quantization.js';

export const MODEL_ABILITIES = [
  'chat',
  'generate',
  'vision',
  'tools',
  'reasoning',
  'embed',
  'rerank',
  'audio',
  'hybrid',
] as const;
export type ModelAbility = (typeof MODEL_ABILITIES)[number];

const lowerCased = (value: unknown) => (typeof value === 'string' ? value.trim().toLowerCase() : value);

const formatSchema = () =>
  z.preprocess(
    (value) => (typeof value === 'string' ? (toModelFormat(value) ?? value) : value),
    z.enum(MODEL_FORMATS, {
      error: (issue) =>
        `${issue.input === undefined ? 'is required' : `"${String(issue.input)}" is not a model format`}; use one of ${MODEL_FORMATS.join(', ')}`,
    }),
  );

const abilitySchema = () =>
  z.preprocess(
    lowerCased,
    z.enum(MODEL_ABILITIES, {
      error: (issue) => `"${String(issue.input)}" is not an ability; use any of ${MODEL_ABILITIES.join(', ')}`,
    }),
  );

const sizeSchema = () =>
  z.union([z.number(), z.string()]).transform((value, ctx) => {
    const size = parseSizeInBillions(value);
    if (size === undefined) {
      ctx.addIssue({
        code: 'custom',
        message: `"${value}" is not a size in billions of parameters; write a positive number such as 7, 1.5 or "1_5"`,
      });
      return z.NEVER;
    }
    return size;
  });

const name = (field: string) =>
  z
    .string({ error: `${field} must be a string` })
    .trim()
    .min(1, `${field} must not be empty`);

/** What a caller may write: loose spellings are accepted and normalised by {@link ModelSpecSchema}. Built on first use. */
export const ModelSpecSchema = z.lazy(
  once(() =>
    z
      .strictObject({
        modelName: name('modelName'),
        modelFamily: name('modelFamily').optional(),
        format: formatSchema(),
        quantization: z
          .string()
          .trim()
          .min(1, 'quantization must not be empty; leave it out for unquantized weights ("none")')
          .nullish(),
        sizeInBillions: sizeSchema().optional(),
        abilities: z.array(abilitySchema()).optional(),
        contextLength: z.number().int().positive().optional(),
        hubId: name('hubId').optional(),
        hubFile: name('hubFile').optional(),
        modelPath: name('modelPath').optional(),
        architectures: z
          .array(name('an architecture'), { error: 'must be a list of architecture names, e.g. ["LlamaForCausalLM"]' })
          .min(1, 'name at least one architecture, e.g. "LlamaForCausalLM"')
          .optional(),
        fetchable: z.boolean({ error: 'fetchable must be true or false' }).optional(),
      })
      .transform((spec) => {
        const format: ModelFormat = spec.format;
        return {
          modelName: spec.modelName,
          modelFamily: spec.modelFamily ?? spec.modelName,
          format,
          quantization: normalizeQuantization(format, spec.quantization),
          ...(spec.sizeInBillions === undefined ? {} : { sizeInBillions: spec.sizeInBillions }),
          abilities: spec.abilities ?? ['generate'],
          ...(spec.contextLength === undefined ? {} : { contextLength: spec.contextLength }),
          ...(spec.hubId === undefined ? {} : { hubId: spec.hubId }),
          ...(spec.hubFile === undefined ? {} : { hubFile: spec.hubFile }),
          ...(spec.modelPath === undefined ? {} : { modelPath: spec.modelPath }),
          ...(spec.architectures === undefined ? {} : { architectures: spec.architectures }),
          ...(spec.fetchable === undefined ? {} : { fetchable: spec.fetchable }),
        };
      }),
  ),
);

export type ModelSpecInput = z.input<typeof ModelSpecSchema>;

/**
 * A model as the backends judge it, normalised: `modelFamily` is set (a builtin model is its own
 * family), `quantization` is in its canonical spelling, `sizeInBillions` is a number.
 */
export interface ModelSpec {
  readonly modelName: string;
  /** The builtin family the model derives from; engines' model lists are judged against it. */
  readonly modelFamily: string;
  readonly format: ModelFormat;
  readonly quantization: string;
  readonly sizeInBillions?: number;
  readonly abilities: readonly ModelAbility[];
  readonly contextLength?: number;
  /** Hugging Face repository id the weights come from. */
  readonly hubId?: string;
  /**
   * For a GGUF repository holding several files, the one to load (the first shard of a split
   * model), as the catalog's file-name template names it.
   */
  readonly hubFile?: string;
  /** Local file or directory holding the weights; wins over `hubId` at launch. */
  readonly modelPath?: string;
  /**
   * The model classes its `config.json` names (`["Qwen2ForCausalLM"]`). Engines that keep a model
   * registry judge a model that declares them by them, instead of by its family.
   */
  readonly architectures?: readonly string[];
  /**
   * Set by selection when the instance's model fetcher can bring the files onto this machine before
   * launch, so engines that load only local files may take a model that is only on the hub.
   */
  readonly fetchable?: boolean;
}

/** Validates and normalises a model spec; throws InvalidInputError naming each bad field. */
export function parseModelSpec(input: unknown): ModelSpec {
  return parseInput(
    ModelSpecSchema,
    input,
    'model spec',
    'Fix the fields named; a spec needs at least modelName and format.',
  );
}

/** What engines are told to load: the local path when there is one, else the hub id, else the name. */
export function modelLocation(spec: ModelSpec): string {
  return spec.modelPath ?? spec.hubId ?? spec.modelName;
}
