import { z } from 'zod';
import { once } from '../input/once.js';
import { parseInput } from '../input/parse-input.js';
import { bindAddressSyntaxProblem } from './bind-address.js';

const positiveInt = (field: string) =>
  z
    .number({ error: `${field} must be a number` })
    .int(`${field} must be a whole number`)
    .positive(`${field} must be at least 1`);

export const DEFAULT_BIND_ADDRESS = '127.0.0.1';

/**
 * How to start an engine. Every field is optional; most map to one `switchyard launch` flag, and the
 * memory plan fills the sizing ones (context, GPUs, GPU layers, GPU memory share). Built on first use.
 */
export const LaunchOptionsSchema = z.lazy(
  once(() =>
    z.strictObject({
      /** Address the engine's server binds to (`--bind`); loopback unless you ask otherwise. */
      bind: z
        .string()
        .trim()
        .min(1, 'bind must not be empty')
        .superRefine((bind, ctx) => {
          const problem = bindAddressSyntaxProblem(bind);
          if (problem !== undefined) ctx.addIssue({ code: 'custom', message: problem });
        })
        .default(DEFAULT_BIND_ADDRESS),
      /** Port (`--port`); when absent, the supervisor picks a free one. */
      port: positiveInt('port').max(65535, 'port must be at most 65535').optional(),
      /** CUDA device indices (`--gpus 0,1`), passed as CUDA_VISIBLE_DEVICES. */
      gpus: z.array(z.number().int().nonnegative('GPU indices start at 0')).min(1, 'name at least one GPU').optional(),
      /** Tensor-parallel degree (`--tensor-parallel`); defaults to the number of GPUs given. */
      tensorParallel: positiveInt('tensorParallel').optional(),
      /** Context length in tokens (`--context-length`). */
      contextLength: positiveInt('contextLength').optional(),
      /** Model id clients send in requests (`--served-name`). */
      servedName: z.string().trim().min(1, 'servedName must not be empty').optional(),
      /** API key clients must send (`--api-key`); passed through the environment where the engine reads one. */
      apiKey: z.string().min(1, 'apiKey must not be empty').optional(),
      /** Engine arguments passed through verbatim (after `--`). */
      extraArgs: z.array(z.string()).default([]),
      /** Pins one of a backend's runtimes, e.g. `llama-server` or `node-llama-cpp` for llama.cpp. */
      runtime: z.string().trim().min(1).optional(),
      /**
       * Layers to put on the GPUs when not all fit (llama.cpp's `--n-gpu-layers`). Set from the memory
       * plan's partial offload; absent, an engine with a GPU offloads every layer.
       */
      gpuLayers: z.number().int().nonnegative('gpuLayers must be 0 or more').optional(),
      /**
       * The share of each GPU's total memory the engine may take (vLLM's `--gpu-memory-utilization`).
       * Set from the memory plan when a GPU is partly in use, so the engine asks for no more than is free.
       */
      gpuMemoryFraction: z
        .number()
        .gt(0, 'gpuMemoryFraction must be above 0')
        .max(1, 'gpuMemoryFraction must be at most 1')
        .optional(),
      /** Python interpreter for engines started as `python -m …` (`--python`). */
      python: z.string().trim().min(1).optional(),
    }),
  ),
);

export type LaunchOptionsInput = z.input<typeof LaunchOptionsSchema>;
export type LaunchOptions = z.output<typeof LaunchOptionsSchema>;

/** Launch options after defaults, with the port decided. This is what a backend plans from. */
export type ResolvedLaunchOptions = LaunchOptions & { readonly port: number };

export function parseLaunchOptions(input: unknown): LaunchOptions {
  return parseInput(
    LaunchOptionsSchema,
    input ?? {},
    'launch options',
    'Fix the options named, or leave them out for the defaults.',
  );
}
