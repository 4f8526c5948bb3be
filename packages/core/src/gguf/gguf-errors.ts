import { SwitchyardError } from '../errors/switchyard-error.js';

/** A GGUF file could not be read as a model: the `code` says why, the path is always named. */
export class GgufError extends SwitchyardError {
  readonly path: string;

  constructor(code: string, path: string, message: string, hint: string) {
    super(code, message, { hint });
    this.path = path;
  }
}

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

export class GgufTruncatedError extends GgufError {
  constructor(path: string, what: string) {
    super(
      'GGUF_TRUNCATED',
      path,
      `${path} is truncated or corrupt: the file ends inside its header (while reading ${what}).`,
      'Download the file again; an interrupted download leaves a file like this.',
    );
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
