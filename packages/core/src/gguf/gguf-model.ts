import { basename } from 'node:path';
import type { ArchitectureFacts } from '../fit/architecture-facts.js';
import type { ModelWeights } from '../fit/model-weights.js';
import { type ModelSpec, parseModelSpec } from '../spec/model-spec.js';
import { fileTypeName } from './file-types.js';
import { tensorDataBytes } from './ggml-types.js';
import { ggufArchitecture } from './gguf-architecture.js';
import type { GgufHeader, GgufValue } from './gguf-header.js';
import { withoutControlCharacters } from './printable-text.js';
import { readGgufHeader } from './read-gguf-header.js';
import { readShards } from './split-shards.js';

/** What a GGUF header says about its model, plus the spec Switchyard plans with. */
export interface GgufModelInfo {
  readonly path: string;
  /** The header of `path`, the model's first (or only) file. */
  readonly header: GgufHeader;
  /** Every file of the model: `path` alone, or all the shards of a split model in order. */
  readonly files: readonly string[];
  /** `general.architecture`, e.g. `llama`, `qwen2`. */
  readonly architecture?: string;
  /** From `general.size_label` when it is a plain size, else the sum of all shards' tensor elements. */
  readonly parameterCount: number;
  readonly spec: ModelSpec;
  /** The figures the KV cache and the engines' buffers depend on; absent when the header lacks them. */
  readonly architectureFacts?: ArchitectureFacts;
  /** The tensor data of every shard, as ggml sizes it: what loading the model takes. */
  readonly weights: ModelWeights;
}

const SIZE_LABEL = /^(\d+(?:\.\d+)?)([KMBT])$/i;
const SCALE: Record<string, number> = { K: 1e3, M: 1e6, B: 1e9, T: 1e12 };

/**
 * Reads a GGUF file's header (and, for a split model, its other shards' headers) and derives its
 * spec: format `ggufv2`, quantization, size, context.
 */
export async function readGgufModel(path: string): Promise<GgufModelInfo> {
  const header = await readGgufHeader(path);
  const shards = await readShards({ path, header });
  const otherHeaders = shards.slice(1).map((shard) => shard.header);
  return { path, header, files: shards.map((shard) => shard.path), ...describeGguf(path, header, otherHeaders) };
}

/**
 * Pure: the spec and facts the header of the file at `path` implies, with the headers of a split
 * model's other shards. Text from the file is stripped of control characters before it is used.
 */
export function describeGguf(
  path: string,
  header: GgufHeader,
  otherShards: readonly GgufHeader[] = [],
): Omit<GgufModelInfo, 'path' | 'header' | 'files'> {
  const meta = header.metadata;
  const architecture = textOf(meta.get('general.architecture'));
  const fileType = numberOf(meta.get('general.file_type'));
  const contextLength = architecture ? numberOf(meta.get(`${architecture}.context_length`)) : undefined;
  const parameterCount =
    sizeFromLabel(textOf(meta.get('general.size_label'))) ?? countParameters([header, ...otherShards]);
  const spec = parseModelSpec({
    modelName: textOf(meta.get('general.name')) ?? withoutControlCharacters(basename(path).replace(/\.gguf$/i, '')),
    format: 'ggufv2',
    quantization: fileType === undefined ? undefined : fileTypeName(fileType),
    ...(parameterCount > 0 ? { sizeInBillions: Number((parameterCount / 1e9).toPrecision(3)) } : {}),
    ...(contextLength && Number.isInteger(contextLength) && contextLength > 0 ? { contextLength } : {}),
    modelPath: path,
  });
  const architectureFacts = ggufArchitecture(header, `GGUF header of ${basename(path)}`);
  return {
    ...(architecture ? { architecture } : {}),
    parameterCount,
    spec,
    ...(architectureFacts === undefined ? {} : { architectureFacts }),
    weights: tensorWeights([header, ...otherShards], basename(path)),
  };
}

/** A repeating block's tensors are named `blk.N.…` (llama.cpp's LLM_TENSOR names). */
const BLOCK_TENSOR = /^blk\.\d+\./;

function tensorWeights(headers: readonly GgufHeader[], fileName: string): ModelWeights {
  let bytes = 0;
  let layerBytes = 0;
  for (const tensor of headers.flatMap((header) => header.tensors)) {
    // A type ggml-types.ts does not know counts as F16, about what new types take at most.
    const size = tensorDataBytes(tensor.type, tensor.dimensions) ?? 2 * tensor.dimensions.reduce((n, d) => n * d, 1);
    bytes += size;
    if (BLOCK_TENSOR.test(tensor.name)) layerBytes += size;
  }
  return { bytes, layerBytes, source: `tensor data of ${fileName}` };
}

function countParameters(headers: readonly GgufHeader[]): number {
  return headers
    .flatMap((header) => header.tensors)
    .reduce((sum, tensor) => sum + tensor.dimensions.reduce((n, d) => n * d, 1), 0);
}

function sizeFromLabel(label: string | undefined): number | undefined {
  const match = label ? SIZE_LABEL.exec(label) : null;
  if (!match?.[1] || !match[2]) return undefined;
  return Math.round(Number(match[1]) * (SCALE[match[2].toUpperCase()] ?? 0));
}

/** A string from the file, without control characters and trimmed; undefined when nothing is left. */
function textOf(value: GgufValue | undefined): string | undefined {
  return typeof value === 'string' ? withoutControlCharacters(value).trim() || undefined : undefined;
}

function numberOf(value: GgufValue | undefined): number | undefined {
  if (typeof value === 'number') return value;
  return typeof value === 'bigint' ? Number(value) : undefined;
}
