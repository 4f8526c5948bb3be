import { basename } from 'node:path';
import { SwitchyardError } from '../errors/switchyard-error.js';
import { withoutControlCharacters } from './printable-text.js';

/** A GGUF file could not be read as a model: the `code` says why, the path is always named. */
export class GgufError extends SwitchyardError {
  readonly path: string;
  declare readonly hint: string;

  constructor(code: string, path: string, message: string, hint: string) {
    // Messages quote keys and names from the file, which must not reach a terminal raw.
    super(code, withoutControlCharacters(message), { hint });
    this.path = path;
  }
}

const DOWNLOAD_AGAIN = 'Download the file again; an interrupted download leaves a file like this.';

export class GgufFileNotFoundError extends GgufError {
  constructor(path: string) {
    super('GGUF_NOT_FOUND', path, `No such GGUF file: ${path}`, 'Check the path, or name a model instead of a file.');
  }
}

export class GgufUnreadableError extends GgufError {
  constructor(path: string, reason: string) {
    super('GGUF_UNREADABLE', path, `Cannot read ${path}: ${reason}`, 'Pass a readable .gguf file.');
  }
}

/** The file does not start with the GGUF magic; old GGML files are recognised and named. */
export class NotGgufError extends GgufError {
  constructor(path: string, ggmlVariant?: string) {
    super(
      'GGUF_BAD_MAGIC',
      path,
      ggmlVariant
        ? `${path} is a GGML file (${ggmlVariant}), the format llama.cpp used before GGUF; GGML files no longer load.`
        : `${path} is not a GGUF file: it does not start with the bytes "GGUF".`,
      ggmlVariant
        ? "Convert it to GGUF with llama.cpp's convert script, or download the model as a .gguf file."
        : 'Pass a .gguf model file (llama.cpp format); the file may also be incomplete or corrupt.',
    );
  }
}

export class GgufEmptyFileError extends GgufError {
  constructor(path: string) {
    super('GGUF_TRUNCATED', path, `${path} is empty (0 bytes), not a GGUF model.`, DOWNLOAD_AGAIN);
  }
}

/** The file ends inside its header; `what` names the field being read. */
export class GgufTruncatedError extends GgufError {
  constructor(path: string, what: string) {
    super(
      'GGUF_TRUNCATED',
      path,
      `${path} is truncated or corrupt: the file ends inside its header (while reading ${what}).`,
      DOWNLOAD_AGAIN,
    );
  }
}

/** The header is whole but the tensor data it describes runs past the end of the file. */
export class GgufTensorDataTruncatedError extends GgufError {
  readonly fileBytes: number;
  readonly neededBytes: number;

  constructor(path: string, fileBytes: number, neededBytes: number) {
    super(
      'GGUF_TRUNCATED',
      path,
      `${path} is truncated: the file ends at byte ${fileBytes} but its tensors need ${neededBytes} bytes; the download may be incomplete.`,
      DOWNLOAD_AGAIN,
    );
    this.fileBytes = fileBytes;
    this.neededBytes = neededBytes;
  }
}

export class GgufUnsupportedVersionError extends GgufError {
  readonly version: number;

  constructor(path: string, version: number, note = '') {
    super(
      'GGUF_UNSUPPORTED_VERSION',
      path,
      `${path} is GGUF version ${version}${note}; Switchyard reads GGUF versions 2 and 3.`,
      'Convert the model again with a current llama.cpp, or download a recent .gguf of it.',
    );
    this.version = version;
  }
}

/** The header holds something no GGUF writer produces, e.g. an unknown value type. */
export class GgufCorruptError extends GgufError {
  constructor(path: string, problem: string) {
    super(
      'GGUF_CORRUPT',
      path,
      `${path} is corrupt: ${problem}.`,
      'Download the file again, or convert the model again with a current llama.cpp.',
    );
  }
}

/** A split model (`split.count` > 1) was given by a shard other than its first. */
export class GgufNotFirstShardError extends GgufError {
  constructor(path: string, shard: number, count: number, firstShard: string | undefined) {
    super(
      'GGUF_NOT_FIRST_SHARD',
      path,
      `${path} is shard ${shard + 1} of ${count} of a split GGUF model; a split model is opened by its first shard.`,
      firstShard
        ? `Pass the first shard instead: ${firstShard}.`
        : 'Pass the first shard (the one with split.no 0) instead.',
    );
  }
}

/** The first shard of a split model is not named as llama.cpp's llama_split_path names shards. */
export class GgufShardNameError extends GgufError {
  constructor(path: string, count: number, expectedSuffix: string) {
    super(
      'GGUF_SHARD_NAME',
      path,
      `${path} is the first of ${count} shards of a split GGUF model, but its name does not end in ${expectedSuffix}, so the other shards cannot be found.`,
      `Keep the shards' names as downloaded (e.g. model${expectedSuffix}).`,
    );
  }
}

/** Shards of a split model are missing beside its first shard. */
export class GgufMissingShardsError extends GgufError {
  readonly missing: readonly string[];

  constructor(path: string, count: number, missing: readonly string[]) {
    const shown = missing.slice(0, 3).map((shard) => basename(shard));
    const more = missing.length > shown.length ? ` and ${missing.length - shown.length} more` : '';
    super(
      'GGUF_MISSING_SHARDS',
      path,
      `${path} is the first of ${count} shards of a split GGUF model, but ${shown.join(', ')}${more} ${missing.length === 1 ? 'is' : 'are'} missing beside it.`,
      'Download every shard of the model into the same folder; the download may be incomplete.',
    );
    this.missing = missing;
  }
}
