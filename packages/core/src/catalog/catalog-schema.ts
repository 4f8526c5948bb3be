import { z } from 'zod';
import { once } from '../input/once.js';
import { ModelSpecSchema } from '../spec/model-spec.js';

// The field schemas a single model spec uses, so that a catalog spec reads its fields the same way.
// Every schema here is built on first use: most runs never parse a catalog entry.
const specFields = () => ModelSpecSchema.unwrap().in.shape;

const text = (field: string) =>
  z
    .string({ error: `${field} must be a string` })
    .trim()
    .min(1, `${field} must not be empty`);

const QUANTIZATION_PLACEHOLDER = '{quantization}';

/**
 * One way a model is published: a format and size, the quantizations it comes in, and where the
 * weights live. Field names follow Xinference's `model_specs` in camel case.
 */
export const CatalogSpecSchema = z.lazy(
  once(() =>
    z
      .strictObject({
        format: specFields().format,
        sizeInBillions: z
          .unknown()
          .refine((value) => value !== undefined, 'is required: the size in billions of parameters, e.g. 7 or "1_5"')
          .pipe(specFields().sizeInBillions.unwrap()),
        quantizations: z
          .array(text('a quantization'), { error: 'must be a list of names' })
          .min(1, 'name at least one'),
        /** Hugging Face repository id; may contain `{quantization}`. */
        hubId: text('hubId').optional(),
        /** Local file or directory (custom models); for GGUF, a directory holding `fileNameTemplate`. */
        modelPath: text('modelPath').optional(),
        /** GGUF file name with a `{quantization}` placeholder. */
        fileNameTemplate: text('fileNameTemplate').optional(),
        /** GGUF file name of a split model, with `{quantization}` and `{part}` placeholders. */
        splitFileNameTemplate: text('splitFileNameTemplate').optional(),
        /** For each split quantization, its parts, e.g. `["00001-of-00002", "00002-of-00002"]`. */
        quantizationParts: z.record(z.string(), z.array(text('a part')).min(1)).optional(),
      })
      .superRefine((spec, ctx) => {
        if (spec.hubId === undefined && spec.modelPath === undefined) {
          ctx.addIssue({ code: 'custom', path: ['hubId'], message: 'give hubId (a Hugging Face id) or modelPath' });
        }
        const gguf = spec.format === 'ggufv2' || spec.format === 'ggmlv3';
        if (gguf && spec.fileNameTemplate === undefined && !spec.modelPath?.endsWith('.gguf')) {
          ctx.addIssue({
            code: 'custom',
            path: ['fileNameTemplate'],
            message:
              'GGUF specs name their file, e.g. "model-{quantization}.gguf" (or point modelPath at a .gguf file)',
          });
        }
        if (
          spec.fileNameTemplate &&
          spec.quantizations.length > 1 &&
          !spec.fileNameTemplate.includes(QUANTIZATION_PLACEHOLDER)
        ) {
          ctx.addIssue({
            code: 'custom',
            path: ['fileNameTemplate'],
            message: `must contain ${QUANTIZATION_PLACEHOLDER} when a spec lists several quantizations`,
          });
        }
        for (const quantization of Object.keys(spec.quantizationParts ?? {})) {
          if (!spec.splitFileNameTemplate) {
            ctx.addIssue({
              code: 'custom',
              path: ['splitFileNameTemplate'],
              message: 'is required with quantizationParts',
            });
            return;
          }
          if (!spec.quantizations.includes(quantization)) {
            ctx.addIssue({
              code: 'custom',
              path: ['quantizationParts', quantization],
              message: `"${quantization}" is not among the spec's quantizations`,
            });
          }
        }
      }),
  ),
);

/** A model the catalog knows: builtin families, and custom models derived from one. */
export const CatalogModelSchema = z.lazy(
  once(() =>
    z.strictObject({
      modelName: text('modelName'),
      /** The builtin family a custom model derives from; absent for builtin families. */
      modelFamily: text('modelFamily').optional(),
      abilities: specFields().abilities.unwrap().min(1, 'name at least one ability'),
      contextLength: z.number().int().positive().optional(),
      /** The model classes its config.json names; engines with a model registry judge the model by them. */
      architectures: specFields().architectures,
      specs: z.array(CatalogSpecSchema, { error: 'must be a list of specs' }).min(1, 'list at least one spec'),
    }),
  ),
);

/**
 * What a `--model-file` or `Catalog.register` gives: a family it derives from (abilities and context
 * length default to the family's) or the architectures it declares, and its specs — or a
 * `modelPath` folder, from which `Catalog.registerFolders` reads both.
 */
export const CustomModelSchema = z.lazy(
  once(() =>
    CatalogModelSchema.unwrap()
      .extend({
        modelFamily: text('modelFamily').optional(),
        abilities: CatalogModelSchema.unwrap().shape.abilities.optional(),
        /** A local model folder (config.json and weights): the specs and architectures are read from it. */
        modelPath: text('modelPath').optional(),
        specs: CatalogModelSchema.unwrap().shape.specs.optional(),
      })
      .superRefine((model, ctx) => {
        if (model.specs === undefined && model.modelPath === undefined) {
          ctx.addIssue({
            code: 'custom',
            path: ['specs'],
            message: 'list the specs, or give modelPath (a local model folder)',
          });
        }
        if (model.modelFamily === undefined && model.architectures === undefined && model.modelPath === undefined) {
          ctx.addIssue({
            code: 'custom',
            path: ['modelFamily'],
            message:
              'name the builtin family it derives from, or its architectures as its config.json lists them (e.g. ["LlamaForCausalLM"])',
          });
        }
      }),
  ),
);

export type CatalogSpec = z.output<typeof CatalogSpecSchema>;
export type CatalogModel = z.output<typeof CatalogModelSchema>;
export type CustomModelInput = z.input<typeof CustomModelSchema>;
