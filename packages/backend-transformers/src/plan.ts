import { resolve } from 'node:path';
import {
  consoleScript,
  cudaDevicesEnv,
  flag,
  type HostInfo,
  healthCheck,
  InvalidInputError,
  type LaunchPlan,
  type ModelSpec,
  modelLocation,
  nvidiaGpus,
  type ResolvedLaunchOptions,
  refuseUnsupportedOptions,
  servedModelName,
} from '@switchyard/core';
import { bnbQuantization } from './bnb-quantization.js';

/**
 * `transformers serve MODEL` (src/transformers/cli/serve.py). MODEL is positional and preloaded, and
 * the server is pinned to it: a request naming any other model id than MODEL, exactly as given, is
 * refused with "Server is pinned to …" (serving/utils.py `_resolve_model`). So MODEL is the served
 * name: a local model is loaded through a link of that name in the engine's working directory, and
 * a model transformers downloads itself answers to its hub id. Devices come from
 * CUDA_VISIBLE_DEVICES with the default `--device auto` spreading the model over them.
 */
export function planTransformers(spec: ModelSpec, host: HostInfo, options: ResolvedLaunchOptions): LaunchPlan {
  refuseUnsupported(host, options);
  const { served, links } = pinnedModel(spec, options);
  return {
    backend: 'transformers',
    runtime: 'transformers',
    command: consoleScript(host, 'transformers', 'transformers'),
    args: [
      'serve',
      served,
      '--host',
      options.bind,
      '--port',
      String(options.port),
      ...flag('--quantization', bnbQuantization(spec)),
      ...options.extraArgs,
    ],
    env: cudaDevicesEnv(options),
    secretEnv: [],
    host: options.bind,
    port: options.port,
    servedModelName: served,
    ...(links ? { workdirLinks: links } : {}),
    readiness: healthCheck(
      'transformers serve loads MODEL before it opens its port, so /health answers 200 from its first answer.',
    ),
    stopSignal: 'SIGTERM',
    installHint: 'pip install "transformers[serving]" torch',
  };
}

/**
 * The name transformers serve loads the model by, which is the only one it answers to, and for a
 * local model the link that makes that name load its folder.
 */
function pinnedModel(
  spec: ModelSpec,
  options: ResolvedLaunchOptions,
): { served: string; links?: Record<string, string> } {
  if (spec.modelPath === undefined) {
    const served = modelLocation(spec);
    refuseUnsupportedOptions('transformers', [
      {
        field: 'servedName',
        given: options.servedName !== undefined && options.servedName !== served,
        message: `transformers serve answers only to the hub id of a model it downloads itself ("${served}"); drop \`servedName\`, or download the model and launch its folder`,
      },
    ]);
    return { served };
  }
  const served = servedModelName(spec, options);
  const problem = linkNameProblem(served);
  if (problem) {
    throw new InvalidInputError(
      `launch options for transformers`,
      [{ field: 'servedName', message: `transformers serve cannot answer to "${served}": ${problem}` }],
      'Give `servedName` with letters, digits and - _ . / only, e.g. my-model.',
    );
  }
  return { served, links: { [served]: resolve(spec.modelPath) } };
}

/**
 * Why a name cannot be a link transformers serve loads by, if it cannot: transformers reads what
 * follows "@" as a revision and ":….gguf" as a GGUF file (serving/utils.py `split_model_id`), and
 * the name must stay inside the engine's working directory.
 */
function linkNameProblem(name: string): string | undefined {
  if (name.includes('@')) return 'transformers reads what follows "@" as a revision';
  if (/:.*\.gguf$/.test(name)) return 'transformers reads ":FILE.gguf" as a GGUF file to load';
  if (name.split('/').some((segment) => segment === '' || segment === '.' || segment === '..'))
    return 'it must be a relative name without empty, "." or ".." parts';
  return undefined;
}

/** Options transformers serve has no flag for: refused, so that none is silently dropped. */
function refuseUnsupported(host: HostInfo, options: ResolvedLaunchOptions): void {
  refuseUnsupportedOptions('transformers', [
    {
      field: 'apiKey',
      given: options.apiKey !== undefined,
      message: 'transformers serve has no API key support; drop `apiKey`, or put an authenticating proxy in front',
    },
    {
      field: 'tensorParallel',
      given: (options.tensorParallel ?? 1) > 1,
      message:
        'transformers serve has no tensor parallelism; it spreads a model over the visible GPUs by itself: drop `tensorParallel` and choose GPUs with `gpus`',
    },
    {
      field: 'contextLength',
      given: options.contextLength !== undefined,
      message:
        "transformers serve uses the model's own context length and has no flag to change it; drop `contextLength`",
    },
    {
      field: 'gpus',
      given: options.gpus !== undefined && nvidiaGpus(host).length === 0,
      message: '`gpus` picks CUDA devices, and this host has no NVIDIA GPU; drop `gpus`',
    },
  ]);
}
