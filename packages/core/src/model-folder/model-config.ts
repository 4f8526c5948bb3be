import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { ModelConfigError } from './model-folder-errors.js';

/** A model folder's `config.json`, as Hugging Face transformers (and MLX) save it. */
export interface ModelConfig {
  readonly path: string;
  /** The model classes that load it, e.g. `["Qwen2ForCausalLM"]`; empty when the config names none. */
  readonly architectures: readonly string[];
  readonly modelType?: string;
  /** The longest context the model was made for. */
  readonly contextLength?: number;
  /** The dtype its weights were saved in, e.g. `bfloat16`. */
  readonly torchDtype?: string;
  /** The figures of the language model: the config itself, or its `text_config` in a multimodal model. */
  readonly text: Readonly<Record<string, unknown>>;
  readonly raw: Readonly<Record<string, unknown>>;
}

/**
 * The keys models use for their context length, in the order vLLM's `_get_and_verify_max_len`
 * tries them (vllm/config): GPT-2's `n_positions`, ChatGLM's `seq_length`, MPT's `max_seq_len`, …
 */
const CONTEXT_KEYS = [
  'max_position_embeddings',
  'n_positions',
  'max_seq_len',
  'seq_length',
  'model_max_length',
  'max_sequence_length',
  'max_seq_length',
  'seq_len',
] as const;

/** Reads and checks `config.json` of the folder; refuses a missing or broken one, naming it. */
export async function readModelConfig(folder: string): Promise<ModelConfig> {
  const path = join(folder, 'config.json');
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch {
    throw new ModelConfigError(
      path,
      'there is no config.json, so the folder is not a Hugging Face or MLX model',
      'Point at the folder that holds config.json and the weights (a Hugging Face snapshot or an mlx-community download), or at a .gguf file.',
    );
  }
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    throw new ModelConfigError(path, `it is not valid JSON (${(error as Error).message})`);
  }
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw))
    throw new ModelConfigError(path, 'it is not a JSON object');
  return describeConfig(path, raw as Record<string, unknown>);
}

export function describeConfig(path: string, raw: Record<string, unknown>): ModelConfig {
  const architectures = raw.architectures ?? [];
  if (!Array.isArray(architectures) || !architectures.every((name) => typeof name === 'string' && name.trim() !== '')) {
    throw new ModelConfigError(path, '"architectures" must be a list of class names, e.g. ["LlamaForCausalLM"]');
  }
  const textConfig = raw.text_config;
  const text = typeof textConfig === 'object' && textConfig !== null ? { ...raw, ...(textConfig as object) } : raw;
  const contextLength = CONTEXT_KEYS.map((key) => text[key]).find(isPositiveInteger);
  const torchDtype = raw.torch_dtype ?? raw.dtype ?? text.torch_dtype;
  return {
    path,
    architectures,
    ...(typeof raw.model_type === 'string' ? { modelType: raw.model_type } : {}),
    ...(contextLength === undefined ? {} : { contextLength }),
    ...(typeof torchDtype === 'string' ? { torchDtype } : {}),
    text,
    raw,
  };
}

export function isPositiveInteger(value: unknown): value is number {
  return typeof value === 'number' && Number.isSafeInteger(value) && value > 0;
}
