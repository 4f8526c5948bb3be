import { basename } from 'node:path';
import { type ModelSpec, parseModelSpec } from '../spec/model-spec.js';
import { fileTypeName } from './file-types.js';
import type { GgufHeader, GgufValue } from './gguf-header.js';
import { readGgufHeader } from './read-gguf-header.js';

/** What a GGUF header says about its model, plus the spec Switchyard plans with. */
export interface GgufModelInfo {
  readonly path: string;
  readonly header: GgufHeader;
  /** `general.architecture`, e.g. `llama`, `qwen2`. */
  readonly architecture?: string;
  /** From `general.size_label` when it is a plain size, else the sum of the tensors' elements. */
  readonly parameterCount: number;
  readonly spec: ModelSpec;
}

const SIZE_LABEL = /^(\d+(?:\.\d+)?)([KMBT])$/i;
const SCALE: Record<string, number> = { K: 1e3, M: 1e6, B: 1e9, T: 1e12 };

/** Reads a GGUF file's header and derives its spec: format `ggufv2`, quantization, size, context. */
export async function readGgufModel(path: string): Promise<GgufModelInfo> {
  const header = await readGgufHeader(path);
  return { path, header, ...describeGguf(path, header) };
}

/** Pure: the spec and facts a header implies for the file at `path`. */
export function describeGguf(path: string, header: GgufHeader): Omit<GgufModelInfo, 'path' | 'header'> {
  const meta = header.metadata;
  const architecture = stringOf(meta.get('general.architecture'));
  const fileType = numberOf(meta.get('general.file_type'));
  const contextLength = architecture ? numberOf(meta.get(`${architecture}.context_length`)) : undefined;
  const parameterCount = sizeFromLabel(stringOf(meta.get('general.size_label'))) ?? countParameters(header);
  const spec = parseModelSpec({
    modelName: stringOf(meta.get('general.name'))?.trim() || basename(path).replace(/\.gguf$/i, ''),
    format: 'ggufv2',
    quantization: fileType === undefined ? undefined : fileTypeName(fileType),
    ...(parameterCount > 0 ? { sizeInBillions: Number((parameterCount / 1e9).toPrecision(3)) } : {}),
    ...(contextLength && Number.isInteger(contextLength) && contextLength > 0 ? { contextLength } : {}),
    modelPath: path,
  });
  return { ...(architecture ? { architecture } : {}), parameterCount, spec };
}

function countParameters(header: GgufHeader): number {
  return header.tensors.reduce((sum, tensor) => sum + tensor.dimensions.reduce((n, d) => n * d, 1), 0);
}

function sizeFromLabel(label: string | undefined): number | undefined {
  const match = label ? SIZE_LABEL.exec(label.trim()) : null;
  if (!match?.[1] || !match[2]) return undefined;
  return Math.round(Number(match[1]) * (SCALE[match[2].toUpperCase()] ?? 0));
}

function stringOf(value: GgufValue | undefined): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

function numberOf(value: GgufValue | undefined): number | undefined {
  if (typeof value === 'number') return value;
  return typeof value === 'bigint' ? Number(value) : undefined;
}
