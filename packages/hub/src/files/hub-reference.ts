import type { ModelSpec } from '@switchyard/core';
import type { HubModelRequest } from './model-files.js';

/** `org/name`, as the hub spells repository ids. */
const REPO = /^[A-Za-z0-9][\w.-]*\/[\w.-]*[A-Za-z0-9_]$/;

/**
 * A hub id as people write it, `org/name`, optionally with `:QUANT` as llama.cpp's `-hf` and
 * Ollama take it (`Qwen/Qwen2.5-7B-Instruct-GGUF:Q4_K_M`); undefined for anything else.
 */
export function parseHubReference(text: string): HubModelRequest | undefined {
  const [repo = '', quantization, ...rest] = text.trim().split(':');
  if (rest.length > 0 || !REPO.test(repo) || repo.includes('..')) return undefined;
  return quantization ? { repo, quantization } : { repo };
}

/**
 * What to fetch for a spec: its hub repository, and for GGUF the file the catalog names (or the
 * spec's quantization, to find it by); undefined for a spec without a hub id.
 */
export function hubRequestOf(spec: ModelSpec): HubModelRequest | undefined {
  if (spec.hubId === undefined) return undefined;
  const reference = parseHubReference(spec.hubId) ?? { repo: spec.hubId };
  const gguf = spec.format === 'ggufv2' || spec.format === 'ggmlv3';
  if (!gguf) return { repo: reference.repo };
  if (spec.hubFile !== undefined) return { repo: reference.repo, file: spec.hubFile };
  const quantization = reference.quantization ?? (spec.quantization === 'none' ? undefined : spec.quantization);
  return quantization === undefined ? { repo: reference.repo } : { repo: reference.repo, quantization };
}
