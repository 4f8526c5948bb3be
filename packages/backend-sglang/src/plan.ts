import {
  cudaDevicesEnv,
  flag,
  type HostInfo,
  healthCheck,
  type LaunchPlan,
  type ModelSpec,
  modelLocation,
  pythonFor,
  type ResolvedLaunchOptions,
  refuseUnsupportedOptions,
  servedModelName,
  tensorParallelSize,
} from '@switchyard/core';

const INSTALL_HINT = 'pip install sglang';

/**
 * `python -m sglang.launch_server --model-path MODEL` with SGLang's own flags
 * (python/sglang/srt/server_args.py). The interpreter is `--python`, else the one host detection
 * found SGLang in, else python3.
 */
export function planSglang(spec: ModelSpec, host: HostInfo, options: ResolvedLaunchOptions): LaunchPlan {
  refuseApiKey(options);
  const name = servedModelName(spec, options);
  const tensorParallel = tensorParallelSize(host, options);
  return {
    backend: 'sglang',
    runtime: 'sglang',
    command: pythonFor(host, 'sglang', options),
    args: [
      '-m',
      'sglang.launch_server',
      '--model-path',
      modelLocation(spec),
      '--host',
      options.bind,
      '--port',
      String(options.port),
      '--served-model-name',
      name,
      ...(tensorParallel > 1 ? ['--tp-size', String(tensorParallel)] : []),
      ...flag('--context-length', options.contextLength),
      ...options.extraArgs,
    ],
    env: cudaDevicesEnv(options),
    secretEnv: [],
    host: options.bind,
    port: options.port,
    servedModelName: name,
    readiness: healthCheck(
      'SGLang opens its port once the weights are loaded and answers /health with 503 until warmup ends; then 200.',
    ),
    stopSignal: 'SIGTERM',
    installHint: INSTALL_HINT,
  };
}

/**
 * SGLang reads its key only from `--api-key` (or a `--config` file): no environment variable. A key
 * in argv is visible to every user of the machine, so it is refused rather than put there.
 */
function refuseApiKey(options: ResolvedLaunchOptions): void {
  refuseUnsupportedOptions(
    'SGLang',
    [
      {
        field: 'apiKey',
        given: options.apiKey !== undefined,
        message:
          'SGLang takes an API key only on its command line, where every user of this machine could read it, so Switchyard does not pass it',
      },
    ],
    'Drop `apiKey`. To require a key, write `api-key: KEY` into a YAML file and pass it after `--` as `--config FILE.yaml` (SGLang reads the file itself), or put an authenticating proxy in front.',
  );
}
