import {
  type HostInfo,
  type LaunchPlan,
  type ModelSpec,
  modelLocation,
  pythonFor,
  type ResolvedLaunchOptions,
  refuseUnsupportedOptions,
} from '@switchyard/core';

/**
 * `python -m mlx_lm.server --model MODEL` (mlx_lm/server.py). The interpreter is `--python`, else
 * the one host detection found mlx-lm in, else python3.
 *
 * The server answers /health before the model has loaded, so readiness is a one-token completion.
 * It has no SIGTERM handler (SIGTERM kills it without cleanup); SIGINT shuts it down cleanly.
 */
export function planMlx(spec: ModelSpec, host: HostInfo, options: ResolvedLaunchOptions): LaunchPlan {
  refuseUnsupported(options);
  const model = modelLocation(spec);
  return {
    backend: 'mlx',
    runtime: 'mlx-lm',
    command: pythonFor(host, 'mlx-lm', options),
    args: [
      '-m',
      'mlx_lm.server',
      '--model',
      model,
      '--host',
      options.bind,
      '--port',
      String(options.port),
      ...options.extraArgs,
    ],
    env: {},
    secretEnv: [],
    host: options.bind,
    port: options.port,
    servedModelName: model,
    readiness: {
      method: 'POST',
      path: '/v1/completions',
      // No `model`: the server then answers with the model of its command line, adapter and draft
      // model included; naming the path would make it load that path again without them.
      body: { prompt: 'Hi', max_tokens: 1 },
      expectStatus: 200,
      note: 'mlx_lm.server answers /health at once and loads the model in the background; a one-token completion answers only once it has loaded.',
    },
    stopSignal: 'SIGINT',
    installHint: 'pip install mlx-lm',
  };
}

/** Options mlx_lm.server has no flag for: refused, so that none is silently dropped. */
function refuseUnsupported(options: ResolvedLaunchOptions): void {
  refuseUnsupportedOptions('MLX', [
    {
      field: 'apiKey',
      given: options.apiKey !== undefined,
      message: 'mlx_lm.server has no API key support; drop `apiKey`, or put an authenticating proxy in front',
    },
    {
      field: 'gpus',
      given: options.gpus !== undefined,
      message: "MLX always runs on the Mac's one GPU and cannot pick devices; drop `gpus`",
    },
    {
      field: 'tensorParallel',
      given: (options.tensorParallel ?? 1) > 1,
      message: 'mlx_lm.server shards a model only across several Macs started with mlx.launch; drop `tensorParallel`',
    },
    {
      field: 'contextLength',
      given: options.contextLength !== undefined,
      message: "mlx_lm.server uses the model's own context length and has no flag to change it; drop `contextLength`",
    },
    {
      field: 'servedName',
      given: options.servedName !== undefined,
      message:
        'mlx_lm.server answers only requests naming the model it was started with (any other name loads that model instead); drop `servedName` and send the model path or hub id',
    },
  ]);
}
