import { InvalidInputError } from '@switchyard/core';
import { HubNotFoundError } from '../hub-errors.js';

/** What to fetch from a repository. */
export interface HubModelRequest {
  /** `org/name` on the hub. */
  readonly repo: string;
  /** Branch, tag or commit; `main` by default. */
  readonly revision?: string;
  /** For a GGUF repository, the file to load (the first shard of a split model). */
  readonly file?: string;
  /** For a GGUF repository, the quantization whose file to load, when `file` is not given. */
  readonly quantization?: string;
}

/** The files a model needs, and how an engine loads them. */
export interface ModelFiles {
  /** `gguf`: one file, or every shard of a split one; `folder`: a Hugging Face model folder. */
  readonly kind: 'gguf' | 'folder';
  /** Repository paths to fetch. */
  readonly paths: readonly string[];
  /** For GGUF, the file engines are given (the first shard); absent for a folder. */
  readonly entry?: string;
}

/** llama.cpp's shard suffix, `-00001-of-00003.gguf`. */
const SHARD = /-(\d{5})-of-(\d{5})\.gguf$/i;
const isGguf = (path: string) => path.toLowerCase().endsWith('.gguf');
/** Vision projectors sit beside the language model's files; they are never the model. */
const isProjector = (path: string) => /(^|\/)mmproj/i.test(path);
const baseName = (path: string) => path.slice(path.lastIndexOf('/') + 1);

/**
 * Chooses, from a repository's paths, the files an engine needs: for a GGUF model the named file
 * (or the one of the named quantization) and every shard of it when it is split; for a model folder
 * its config, tokenizer and weights in one format, without READMEs, images or other formats.
 */
export function chooseModelFiles(paths: readonly string[], request: HubModelRequest, endpoint: string): ModelFiles {
  const ggufs = paths.filter((path) => isGguf(path) && !isProjector(path));
  const wantsGguf = request.file !== undefined || (ggufs.length > 0 && !paths.includes('config.json'));
  return wantsGguf ? chooseGguf(paths, ggufs, request, endpoint) : chooseFolder(paths, request, endpoint);
}

function chooseGguf(
  paths: readonly string[],
  ggufs: readonly string[],
  request: HubModelRequest,
  endpoint: string,
): ModelFiles {
  const entry = request.file ?? findByQuantization(ggufs, request, endpoint);
  if (!paths.includes(entry)) {
    throw new HubNotFoundError(request.repo, `The hub has no file ${entry}`, listedHint(ggufs, request, endpoint), [
      entry,
    ]);
  }
  const split = SHARD.exec(entry);
  if (!split) return { kind: 'gguf', paths: [entry], entry };
  const [, first, total] = split;
  if (Number(first) !== 1) {
    throw new InvalidInputError(
      `file ${entry}`,
      [
        {
          field: 'file',
          message: `it is shard ${Number(first)} of a split model; name the first, ${shardName(entry, 1, total ?? '')}`,
        },
      ],
      'Name the first shard; the others are fetched with it.',
    );
  }
  const shards = Array.from({ length: Number(total) }, (_, i) => shardName(entry, i + 1, total ?? ''));
  const missing = shards.filter((shard) => !paths.includes(shard));
  if (missing.length > 0) {
    throw new HubNotFoundError(
      request.repo,
      `The hub has only part of the split model ${entry}: ${missing.join(', ')} ${missing.length === 1 ? 'is' : 'are'} missing`,
      `See the files at ${endpoint}/${request.repo}/tree/main.`,
      missing,
    );
  }
  return { kind: 'gguf', paths: shards, entry };
}

const shardName = (entry: string, shard: number, total: string) =>
  entry.replace(SHARD, `-${String(shard).padStart(5, '0')}-of-${total}.gguf`);

/** The one GGUF file of the quantization asked for (or the only one there is). */
function findByQuantization(ggufs: readonly string[], request: HubModelRequest, endpoint: string): string {
  const loadable = ggufs.filter((path) => Number(SHARD.exec(path)?.[1] ?? 1) === 1);
  const quantization = request.quantization;
  const matching =
    quantization === undefined || quantization === 'none'
      ? loadable
      : loadable.filter((path) => namesQuantization(baseName(path), quantization));
  const [only, ...others] = matching;
  if (only !== undefined && others.length === 0) return only;
  if (only === undefined) {
    const what = quantization === undefined ? 'no GGUF file' : `no GGUF file of quantization ${quantization}`;
    const missing = quantization === undefined ? 'a GGUF file' : `the GGUF file of quantization ${quantization}`;
    throw new HubNotFoundError(request.repo, `The hub has ${what}`, listedHint(ggufs, request, endpoint), [missing]);
  }
  throw new InvalidInputError(
    `model ${request.repo}`,
    [
      {
        field: 'file',
        message: `the repository holds ${matching.length} GGUF files${quantization ? ` of ${quantization}` : ''}: ${matching.join(', ')}; name one`,
      },
    ],
    'Name one of the files listed in `file`, or a `quantization` that leaves one.',
  );
}

/** Whether a file name carries the quantization as a word: `model-Q4_K_M.gguf`, not `model-Q4_K_M_L.gguf` for Q4_K_M… */
function namesQuantization(name: string, quantization: string): boolean {
  const stem = name
    .replace(SHARD, '')
    .replace(/\.gguf$/i, '')
    .toLowerCase();
  const q = quantization.toLowerCase();
  const at = stem.lastIndexOf(q);
  if (at < 0) return false;
  const before = stem[at - 1];
  const after = stem[at + q.length];
  return (before === undefined || /[-_.]/.test(before)) && (after === undefined || /[-.]/.test(after));
}

function listedHint(ggufs: readonly string[], request: HubModelRequest, endpoint: string): string {
  if (ggufs.length === 0) return `See the files at ${endpoint}/${request.repo}/tree/main.`;
  const shown = ggufs.filter((path) => Number(SHARD.exec(path)?.[1] ?? 1) === 1);
  return `It has: ${shown.slice(0, 20).join(', ')}${shown.length > 20 ? ', …' : ''}.`;
}

/** Files a Hugging Face folder needs besides its weights: configs, tokenizers, chat templates, code. */
const SUPPORT = /\.(json|model|txt|jinja|tiktoken|py)$/i;
const SKIPPED = new Set(['README.md', '.gitattributes', 'LICENSE', 'LICENSE.txt', 'USE_POLICY.md']);

/**
 * A model folder: top-level config and tokenizer files, and the weights in one format — safetensors
 * when there are any (the `consolidated` copy some repositories add for other tools left out),
 * else PyTorch's `.bin`/`.pt`. Files in subfolders (`original/`, `onnx/`, …) are other formats.
 */
function chooseFolder(paths: readonly string[], request: HubModelRequest, endpoint: string): ModelFiles {
  if (!paths.includes('config.json')) {
    throw new HubNotFoundError(
      request.repo,
      'The repository has neither a config.json (a model folder) nor a GGUF file',
      `See the files at ${endpoint}/${request.repo}/tree/main; Switchyard loads Hugging Face model folders and GGUF files.`,
      ['config.json'],
    );
  }
  const top = paths.filter((path) => !path.includes('/') && !SKIPPED.has(path));
  const safetensors = top.filter((path) => path.endsWith('.safetensors'));
  const sharded = safetensors.filter((path) => !path.startsWith('consolidated'));
  const weights =
    safetensors.length > 0
      ? sharded.length > 0
        ? sharded
        : safetensors
      : top.filter((path) => /\.(bin|pt|pth)$/i.test(path));
  const support = top.filter((path) => SUPPORT.test(path) && !(path.startsWith('consolidated') && sharded.length > 0));
  return { kind: 'folder', paths: [...support, ...weights] };
}
