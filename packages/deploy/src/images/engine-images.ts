/** A container image that runs an engine's server. */
export interface EngineImage {
  /** Repository and pinned tag, e.g. `vllm/vllm-openai:v0.26.0`. */
  readonly image: string;
  /** Node architectures (`kubernetes.io/arch`) the tag is published for. */
  readonly platforms: readonly string[];
  /** Where the image keeps the plan's command when it is not on PATH. */
  readonly command?: string;
}

/** What a cluster can run of one engine. */
export interface EngineImages {
  /** For nodes with NVIDIA GPUs. */
  readonly gpu?: EngineImage;
  /** For nodes without. */
  readonly cpu?: EngineImage;
  /** The runtimes the images bring, by the name the engine's rules look for, with their versions. */
  readonly runtimes: Readonly<Record<string, string>>;
  /** Why the engine cannot run on a cluster at all; set when it has no image. */
  readonly unavailable?: string;
  /** Environment that points the engine's downloads at the model-cache volume, relative to its mount. */
  readonly cacheEnv: Readonly<Record<string, string>>;
}

const HF_CACHE = { HF_HOME: 'huggingface' };
const VLLM = '0.26.0';
const SGLANG = '0.5.16';
const LLAMA_CPP = 'b10644';

/**
 * The engines' official images, pinned. Tags are releases the projects publish (Docker Hub for
 * vLLM and SGLang, ghcr.io for llama.cpp, whose `server-*` images hold only llama-server at
 * /app/llama-server); move them forward here, all in one place, and the `image` option overrides per run.
 */
export const ENGINE_IMAGES: Readonly<Record<string, EngineImages>> = {
  vllm: {
    gpu: { image: `vllm/vllm-openai:v${VLLM}`, platforms: ['amd64'] },
    runtimes: { vllm: VLLM },
    cacheEnv: HF_CACHE,
  },
  sglang: {
    gpu: { image: `lmsysorg/sglang:v${SGLANG}`, platforms: ['amd64'] },
    runtimes: { sglang: SGLANG },
    cacheEnv: HF_CACHE,
  },
  llamacpp: {
    gpu: {
      image: `ghcr.io/ggml-org/llama.cpp:server-cuda-${LLAMA_CPP}`,
      platforms: ['amd64'],
      command: '/app/llama-server',
    },
    cpu: {
      image: `ghcr.io/ggml-org/llama.cpp:server-${LLAMA_CPP}`,
      platforms: ['amd64', 'arm64'],
      command: '/app/llama-server',
    },
    runtimes: { 'llama-server': LLAMA_CPP },
    // llama-server keeps `-hf` downloads in LLAMA_CACHE.
    cacheEnv: { ...HF_CACHE, LLAMA_CACHE: 'llama.cpp' },
  },
  transformers: {
    runtimes: { transformers: '', torch: '' },
    unavailable:
      'transformers publishes no server image (its Docker images are for its CI and development); name it with `engine` and give an `image` that has transformers[serving] and torch installed',
    cacheEnv: HF_CACHE,
  },
  mlx: {
    runtimes: { 'mlx-lm': '' },
    unavailable:
      'MLX runs only on macOS on Apple silicon, and Kubernetes nodes run Linux: there is no MLX server image to schedule',
    cacheEnv: HF_CACHE,
  },
};
