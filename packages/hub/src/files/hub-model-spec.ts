import { basename } from 'node:path';
import type { ModelSpecInput } from '@switchyard/core';
import { findCachedModel } from '../find-cached-model.js';
import type { HubSettings } from '../hub-settings.js';
import { listRepo } from '../remote/repo-listing.js';
import { chooseModelFiles, type HubModelRequest } from './model-files.js';

/** A hub GGUF repository's model as Switchyard judges it, before anything is downloaded. */
export interface HubGgufModel {
  readonly spec: ModelSpecInput;
  /** Bytes of every file the model needs, as the hub lists them (or the cache holds them, offline). */
  readonly bytes: number;
  /** How the model was read, for people. */
  readonly source: string;
}

/** GGUF's quantization types as they appear in file names (llama.cpp's ftype names, unsloth's UD- prefix). */
const QUANTIZATION = /(?:^|[-_.])((?:UD-)?(?:I?Q\d(?:_[A-Z0-9]+)*|BF16|F16|F32|TQ\d_\d))(?=[-.]|$)/i;
/** A parameter count in a repository name: `Qwen2.5-7B-Instruct`, `Llama-3.2-1B`, `0.5B`. */
const SIZE = /(?:^|[-_])(\d+(?:\.\d+)?)[Bb](?=[-_.]|$)/;

/**
 * Reads a GGUF model on the hub from its file listing alone: the file (and its shards) the request
 * names, the quantization from the file's name, the size from the repository's name, and the bytes
 * the hub lists, which are the weights' real size. Offline, the cache answers. The header is read
 * once the file is pulled; until then, this is what selection has.
 */
export async function readHubGgufModel(
  request: HubModelRequest,
  settings: HubSettings,
): Promise<HubGgufModel | undefined> {
  const name = request.repo.slice(request.repo.indexOf('/') + 1);
  let files: readonly { path: string; size: number }[];
  let entry: string | undefined;
  if (settings.offline) {
    const cached = await findCachedModel(request, settings);
    if (cached.kind !== 'gguf') return undefined;
    files = cached.files;
    entry = cached.files[0]?.path;
  } else {
    const listing = await listRepo(settings, request.repo, request.revision ?? 'main');
    const chosen = chooseModelFiles(
      listing.files.map((file) => file.path),
      request,
      settings.endpoint,
    );
    if (chosen.kind !== 'gguf') return undefined;
    files = listing.files.filter((file) => chosen.paths.includes(file.path));
    entry = chosen.entry;
  }
  if (entry === undefined) return undefined;
  const quantization = QUANTIZATION.exec(basename(entry))?.[1] ?? request.quantization ?? 'none';
  const size = SIZE.exec(name)?.[1];
  const bytes = files.reduce((sum, file) => sum + file.size, 0);
  const spec: ModelSpecInput = {
    modelName: request.repo,
    format: 'ggufv2',
    quantization,
    ...(size === undefined ? {} : { sizeInBillions: Number(size) }),
    hubId: request.repo,
    hubFile: entry,
  };
  const parts = files.length > 1 ? ` in ${files.length} shards` : '';
  return { spec, bytes, source: `${entry} from the hub repository ${request.repo}${parts}` };
}
