import { readdir, readFile, stat } from 'node:fs/promises';
import { basename, join, resolve } from 'node:path';
import type { ArchitectureFacts } from '../fit/architecture-facts.js';
import type { ModelWeights } from '../fit/model-weights.js';
import { type GgufModelInfo, readGgufModel } from '../gguf/gguf-model.js';
import { type ModelAbility, type ModelSpec, parseModelSpec } from '../spec/model-spec.js';
import { configArchitecture } from './config-architecture.js';
import { countParameters } from './count-parameters.js';
import { folderQuantization } from './folder-quantization.js';
import { readModelConfig } from './model-config.js';
import { ModelFolderError, ModelFolderNotFoundError, ModelWeightsNotFoundError } from './model-folder-errors.js';
import { readSafetensorsShards } from './safetensors-shards.js';

/** What Switchyard reads from a model folder, without loading a weight. */
export interface ModelFolderInfo {
  /** The folder, absolute: what the engine is given. */
  readonly path: string;
  /** The folder as a model spec: named after the folder, format and quantization from its config. */
  readonly spec: ModelSpec;
  readonly architectures: readonly string[];
  readonly modelType?: string;
  readonly parameterCount: number;
  /** The weights' exact bytes, from the safetensors headers (or the files' sizes). */
  readonly weights: ModelWeights;
  readonly architectureFacts?: ArchitectureFacts;
  /** The weight files read, relative to the folder. */
  readonly weightFiles: readonly string[];
  /** Set when the folder holds a GGUF model and no config.json: the GGUF it is. */
  readonly gguf?: GgufModelInfo;
}

const BYTES_PER_DTYPE: Readonly<Record<string, number>> = { float32: 4, float16: 2, bfloat16: 2, float64: 8 };
const PYTORCH_WEIGHTS = /^pytorch_model(?:-\d+-of-\d+)?\.bin$/;
/** Multimodal projectors ship beside a GGUF model; they are not the model. */
const GGUF_MODEL = /^(?!mmproj).*\.gguf$/i;
const SPLIT_GGUF = /-(\d{5})-of-\d{5}\.gguf$/i;

/**
 * Reads a local model folder as engines load it: a Hugging Face or MLX folder (`config.json` and
 * safetensors weights), or a folder holding one GGUF model. Reads `config.json` and each weight
 * file's header only, and refuses a folder that is not a whole model (no config, broken JSON, a
 * shard missing or cut short) with a ModelFolderError naming the file.
 */
export async function readModelFolder(given: string): Promise<ModelFolderInfo> {
  const path = resolve(given);
  const stats = await stat(path).catch(() => undefined);
  if (!stats?.isDirectory()) throw new ModelFolderNotFoundError(path);
  const entries = await readdir(path, { withFileTypes: true });
  const files = entries.filter((entry) => entry.isFile() || entry.isSymbolicLink()).map((entry) => entry.name);
  if (!files.includes('config.json')) {
    const gguf = await ggufOfFolder(path, files);
    if (gguf) return gguf;
  }
  const config = await readModelConfig(path);
  const headers = await readSafetensorsShards(path, files);
  const quantization = folderQuantization(config, headers[0]?.metadata.format === 'mlx');
  const name = basename(path);
  let weights: ModelWeights;
  let parameterCount: number;
  let weightFiles: string[];
  if (headers.length > 0) {
    const totals = countParameters(
      headers.flatMap((header) => header.tensors),
      quantization.bits,
    );
    weightFiles = headers.map((header) => basename(header.path));
    weights = {
      bytes: headers.reduce((sum, header) => sum + header.dataBytes, 0),
      layerBytes: totals.layerBytes,
      source: `safetensors headers of ${name} (${weightFiles.length} file${weightFiles.length === 1 ? '' : 's'})`,
    };
    parameterCount = totals.parameterCount;
  } else {
    weightFiles = files.filter((file) => PYTORCH_WEIGHTS.test(file)).sort();
    if (weightFiles.length === 0) throw new ModelWeightsNotFoundError(path);
    const sizes = await Promise.all(weightFiles.map((file) => stat(join(path, file)).then((s) => s.size)));
    const bytes = sizes.reduce((sum, size) => sum + size, 0);
    weights = { bytes, source: `sizes of ${weightFiles.join(', ')}` };
    parameterCount = Math.round(bytes / (BYTES_PER_DTYPE[config.torchDtype ?? ''] ?? 2));
  }
  const architectureFacts = configArchitecture(config, `config.json of ${name}`);
  const spec = parseModelSpec({
    modelName: name,
    format: quantization.format,
    quantization: quantization.quantization,
    ...(parameterCount > 0 ? { sizeInBillions: Number((parameterCount / 1e9).toPrecision(3)) } : {}),
    abilities: await abilitiesOf(path, files),
    ...(config.contextLength === undefined ? {} : { contextLength: config.contextLength }),
    modelPath: path,
    ...(config.architectures.length === 0 ? {} : { architectures: config.architectures }),
  });
  return {
    path,
    spec,
    architectures: config.architectures,
    ...(config.modelType === undefined ? {} : { modelType: config.modelType }),
    parameterCount,
    weights,
    ...(architectureFacts === undefined ? {} : { architectureFacts }),
    weightFiles,
  };
}

/** A folder without config.json that holds one GGUF model (one file, or the shards of one) is that model. */
async function ggufOfFolder(folder: string, files: readonly string[]): Promise<ModelFolderInfo | undefined> {
  const models = files.filter((file) => GGUF_MODEL.test(file) && (SPLIT_GGUF.exec(file)?.[1] ?? '00001') === '00001');
  if (models.length === 0) return undefined;
  if (models.length > 1) {
    throw new ModelFolderError(
      'MODEL_FOLDER_AMBIGUOUS',
      folder,
      `${folder} holds ${models.length} GGUF models (${models.sort().join(', ')}) and no config.json.`,
      'Pass the .gguf file you mean.',
    );
  }
  const gguf = await readGgufModel(join(folder, models[0] as string));
  // Served under the folder's name, as any model folder is.
  const name = basename(folder);
  return {
    path: folder,
    spec: { ...gguf.spec, modelName: name, modelFamily: name },
    architectures: [],
    parameterCount: gguf.parameterCount,
    weights: gguf.weights,
    ...(gguf.architectureFacts === undefined ? {} : { architectureFacts: gguf.architectureFacts }),
    weightFiles: gguf.files.map((file) => basename(file)),
    gguf,
  };
}

/** A chat template (in tokenizer_config.json or its own file) makes the model a chat model. */
async function abilitiesOf(folder: string, files: readonly string[]): Promise<ModelAbility[]> {
  if (files.includes('chat_template.jinja') || files.includes('chat_template.json')) return ['chat', 'generate'];
  if (!files.includes('tokenizer_config.json')) return ['generate'];
  const tokenizer = await readFile(join(folder, 'tokenizer_config.json'), 'utf8')
    .then((text) => JSON.parse(text) as Record<string, unknown>)
    .catch(() => ({}) as Record<string, unknown>);
  return tokenizer.chat_template ? ['chat', 'generate'] : ['generate'];
}
