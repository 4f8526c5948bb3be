import { type HostInfo, InvalidInputError, type LaunchOptions, type ModelSpec } from '@switchyard/core';

/** The programs that can serve llama.cpp models, in the order Switchyard prefers them. */
export const LLAMACPP_RUNTIMES = ['llama-server', 'llama-cpp-python', 'node-llama-cpp'] as const;
export type LlamaCppRuntime = (typeof LLAMACPP_RUNTIMES)[number];

/** How to install each runtime, for refusals and errors. */
export const RUNTIME_INSTALL: Readonly<Record<LlamaCppRuntime, string>> = {
  'llama-server': 'brew install llama.cpp, or put llama-server from a llama.cpp release on PATH',
  'llama-cpp-python': "pip install 'llama-cpp-python[server]'",
  'node-llama-cpp': 'npm install node-llama-cpp',
};

export interface RuntimeChoice {
  readonly runtime: LlamaCppRuntime;
  /** Why this runtime, in words, for the plan's `runtimeReason`. */
  readonly reason: string;
}

const installedRuntimes = (host: HostInfo) =>
  LLAMACPP_RUNTIMES.filter((runtime) => Object.hasOwn(host.engines, runtime));

/** Only llama-server can fetch a GGUF from the Hugging Face hub (`-hf`); the others need a file. */
const canFetchFromHub = (runtime: LlamaCppRuntime) => runtime === 'llama-server';

/**
 * Picks the runtime: the one pinned with the `runtime` option, else the first of
 * {@link LLAMACPP_RUNTIMES} installed on the host that can load the model from where it is.
 */
export function chooseRuntime(spec: ModelSpec, host: HostInfo, options: Pick<LaunchOptions, 'runtime'>): RuntimeChoice {
  const installed = installedRuntimes(host);
  if (spec.modelPath === undefined && spec.hubId === undefined) throw missingFile(spec);
  // A model only on the hub loads in a runtime that downloads, unless Switchyard fetches it first.
  const needsHub = spec.modelPath === undefined && spec.fetchable !== true;
  if (options.runtime !== undefined) {
    const pinned = checkPinned(options.runtime, installed);
    if (needsHub && !canFetchFromHub(pinned)) throw missingFile(spec, `the ${pinned} runtime loads local files only`);
    return { runtime: pinned, reason: `${pinned} was pinned with the runtime option` };
  }
  const usable = installed.filter((runtime) => !needsHub || canFetchFromHub(runtime));
  const [runtime] = usable;
  if (runtime === undefined) {
    throw installed.length === 0
      ? new InvalidInputError(
          'llama.cpp runtime',
          [{ field: 'runtime', message: noRuntimeMessage() }],
          'Install one of the runtimes named, then run again.',
        )
      : missingFile(
          spec,
          `of the llama.cpp runtimes only llama-server downloads from the hub, and this host has only ${installed.join(', ')}`,
        );
  }
  const missing = LLAMACPP_RUNTIMES.slice(0, LLAMACPP_RUNTIMES.indexOf(runtime));
  return {
    runtime,
    reason:
      missing.length === 0
        ? `${runtime} is installed, and it is the first choice`
        : `${runtime} is the first installed runtime in the order ${LLAMACPP_RUNTIMES.join(', ')} (not installed: ${missing.join(', ')})`,
  };
}

function checkPinned(name: string, installed: readonly LlamaCppRuntime[]): LlamaCppRuntime {
  const runtime = LLAMACPP_RUNTIMES.find((known) => known === name);
  if (runtime === undefined) {
    throw new InvalidInputError(
      'launch options',
      [
        {
          field: 'runtime',
          message: `"${name}" is not a llama.cpp runtime; use one of ${LLAMACPP_RUNTIMES.join(', ')}`,
        },
      ],
      'Name one of the runtimes listed in `runtime`, or leave it out to use the first one installed.',
    );
  }
  if (!installed.includes(runtime)) {
    throw new InvalidInputError(
      'launch options',
      [
        {
          field: 'runtime',
          message: `${runtime} is not installed on this host (${installed.length === 0 ? 'no llama.cpp runtime is' : `installed: ${installed.join(', ')}`})`,
        },
      ],
      `To use it: ${RUNTIME_INSTALL[runtime]}. Or drop \`runtime\` to use an installed one.`,
    );
  }
  return runtime;
}

function missingFile(spec: ModelSpec, why?: string): InvalidInputError {
  return new InvalidInputError(
    `model ${spec.modelName}`,
    [
      {
        field: 'modelPath',
        message: spec.hubId
          ? `it has only a hub id (${spec.hubId}): ${why}`
          : 'llama.cpp loads a GGUF file, and this model names neither a file nor a hub id',
      },
    ],
    spec.hubId
      ? `Download the GGUF file from ${spec.hubId} and pass its path as MODEL, or put llama-server on PATH.`
      : 'Pass the path of a .gguf file as MODEL (or set modelPath in the spec).',
  );
}

/**
 * Whether an installed runtime can load the model from where it is: a local file loads anywhere, a
 * hub id only in a runtime that downloads. Another format, or no runtime at all, is the other
 * rules' to refuse.
 */
export function canLoad(spec: ModelSpec, host: HostInfo): boolean {
  const installed = installedRuntimes(host);
  if (spec.format !== 'ggufv2' || spec.modelPath !== undefined || installed.length === 0) return true;
  return spec.hubId !== undefined && (spec.fetchable === true || installed.some(canFetchFromHub));
}

/** Why no installed runtime can load the model, naming the file to download. */
export function unloadableMessage(spec: ModelSpec, host: HostInfo): string {
  if (spec.hubId === undefined) {
    return 'llama.cpp loads a GGUF file, and this model names neither a file nor a hub id: pass the path of a .gguf file as the model.';
  }
  const file = spec.hubFile ?? `the ${spec.quantization} GGUF file`;
  return `${spec.modelName} is only on the Hugging Face hub (${spec.hubId}), and of the llama.cpp runtimes only llama-server downloads from it; this host has only ${installedRuntimes(host).join(', ')}. Download ${file} from https://huggingface.co/${spec.hubId} and pass its path as the model, or install llama-server (${RUNTIME_INSTALL['llama-server']}).`;
}

/**
 * Whether the chosen runtime loads only local files while the spec has none, so that Switchyard
 * must fetch the file first (llama-server fetches it itself with `-hf`).
 */
export function needsLocalFiles(spec: ModelSpec, host: HostInfo, options: Pick<LaunchOptions, 'runtime'>): boolean {
  return spec.modelPath === undefined && !canFetchFromHub(chooseRuntime(spec, host, options).runtime);
}

/** The sentence for a host with none of the runtimes, naming each and how to install it. */
export function noRuntimeMessage(): string {
  return `llama.cpp needs one of its runtimes, and none is installed: ${LLAMACPP_RUNTIMES.map((r) => `${r} (${RUNTIME_INSTALL[r]})`).join('; ')}.`;
}
