import { z } from 'zod';

const text = (field: string) =>
  z
    .string({ error: `${field} must be a string` })
    .trim()
    .min(1, `${field} must not be empty`);

const seconds = (field: string) =>
  z.number({ error: `${field} must be a number of seconds` }).nonnegative(`${field} must be 0 or more seconds`);

/**
 * One model `switchyard serve` offers: the id clients send, the model as `launch` takes it, and how
 * to start its engine. This is both the library's input and an entry of `serve.models` in
 * switchyard.config.json. Built on first use, as building zod schemas costs every CLI run.
 */
export const ServedModelSchema = z.lazy(() =>
  z.strictObject({
    /** The id clients send as `model`; the engine serves the model under this name too. */
    name: text('name').regex(/^\S+$/, 'name must not contain spaces'),
    /** The model as `switchyard launch` takes it: a catalog name, a .gguf path, a hub id, or a spec object. */
    model: z.union([text('model'), z.record(z.string(), z.unknown())], {
      error: 'model must be a model name, a path, or a spec object',
    }),
    /** Pins an engine, as `launch --engine`. */
    engine: text('engine').optional(),
    /** Size in billions of parameters, format and quantization, as launch's --size, --format, --quantization. */
    size: z.union([z.number(), z.string()]).optional(),
    format: text('format').optional(),
    quantization: text('quantization').optional(),
    /** The builtin family a model of your own derives from, as launch's --family. */
    family: text('family').optional(),
    contextLength: z
      .int('contextLength must be a whole number')
      .positive('contextLength must be at least 1')
      .optional(),
    /** CUDA device indices for this model's engine. */
    gpus: z.array(z.int().nonnegative('GPU indices start at 0')).min(1, 'name at least one GPU').optional(),
    /** Pins one of the engine's runtimes, e.g. node-llama-cpp. */
    runtime: text('runtime').optional(),
    /** Engine arguments passed through verbatim. */
    extraArgs: z.array(z.string({ error: 'extraArgs must be a list of strings' })).default([]),
    /** Seconds without requests before the engine stops; 0 keeps it; the server's default when absent. */
    idleTimeout: seconds('idleTimeout').optional(),
    /** Start the engine when the server starts, not on the first request. */
    preload: z.boolean({ error: 'preload must be true or false' }).default(false),
  }),
);

export type ServedModelInput = z.input<typeof ServedModelSchema>;
export type ServedModel = z.output<typeof ServedModelSchema>;
