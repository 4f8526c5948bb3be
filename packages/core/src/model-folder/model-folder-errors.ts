import { SwitchyardError } from '../errors/switchyard-error.js';
import { withoutControlCharacters } from '../gguf/printable-text.js';

/** A model folder could not be read as a model: the `code` says why, `path` names the file at fault. */
export class ModelFolderError extends SwitchyardError {
  readonly path: string;
  declare readonly hint: string;

  constructor(code: string, path: string, message: string, hint: string) {
    // Messages quote names from the folder's files, which must not reach a terminal raw.
    super(code, withoutControlCharacters(message), { hint });
    this.path = path;
  }
}

const DOWNLOAD_AGAIN = 'Download the model again; an interrupted download leaves files like this.';

export class ModelFolderNotFoundError extends ModelFolderError {
  constructor(path: string) {
    super('MODEL_FOLDER_NOT_FOUND', path, `No such model folder: ${path}`, 'Check the path, or name a model instead.');
  }
}

/** `config.json` is missing, is not JSON, or states a field in a shape no model has. */
export class ModelConfigError extends ModelFolderError {
  constructor(
    path: string,
    problem: string,
    hint = 'A model folder holds the config.json its model was saved with; download or save it again.',
  ) {
    super('MODEL_FOLDER_BAD_CONFIG', path, `${path}: ${problem}`, hint);
  }
}

/** The folder has a config but no weights Switchyard can size. */
export class ModelWeightsNotFoundError extends ModelFolderError {
  constructor(folder: string) {
    super(
      'MODEL_FOLDER_NO_WEIGHTS',
      folder,
      `${folder} has no model weights: no *.safetensors (or model.safetensors.index.json), pytorch_model*.bin or .gguf file.`,
      DOWNLOAD_AGAIN,
    );
  }
}

/** The index names shards that are not in the folder. */
export class SafetensorsShardMissingError extends ModelFolderError {
  readonly missing: readonly string[];

  constructor(index: string, missing: readonly string[]) {
    super(
      'SAFETENSORS_SHARD_MISSING',
      index,
      `${index} lists ${missing.length === 1 ? 'a shard that is' : `${missing.length} shards that are`} not in the folder: ${missing.join(', ')}.`,
      DOWNLOAD_AGAIN,
    );
    this.missing = missing;
  }
}

/** A safetensors file is cut short, longer than its header says, or its header is not valid. */
export class SafetensorsCorruptError extends ModelFolderError {
  constructor(path: string, problem: string) {
    super('SAFETENSORS_CORRUPT', path, `${path} is not a whole safetensors file: ${problem}.`, DOWNLOAD_AGAIN);
  }
}
