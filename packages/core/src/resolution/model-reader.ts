import type { ModelFiles } from '../memory/memory-policy.js';
import type { ModelSpec } from '../spec/model-spec.js';

/** What a caller may say about the model besides its reference; each narrows or overrides what a reader finds. */
export interface ModelOptions {
  /** Weight format, e.g. `pytorch`, `ggufv2`. */
  readonly format?: string;
  /** Size in billions of parameters, e.g. `7` or `"1_5"`. */
  readonly size?: string | number;
  /** Quantization, e.g. `Int4`, `Q4_K_M`, `4bit`. */
  readonly quantization?: string;
  /** The builtin family a model of your own derives from; engines judge it by that family. */
  readonly family?: string;
}

export interface ReadContext {
  readonly options: ModelOptions;
  /** Relative paths resolve from here. */
  readonly cwd: string;
}

/** What a reader made of a reference: every spec it may be run as, and how it was read. */
export interface ModelReading {
  /** Every spec the reference may run as, in the reader's order; selection picks the one that suits the host. */
  readonly specs: readonly ModelSpec[];
  /** How the reference was understood, for people, e.g. `read from the GGUF header of ./m.gguf: llama, 7B`. */
  readonly source: string;
  /** True when the caller's options narrowed the choices, so messages suggest other options rather than another model. */
  readonly narrowed?: boolean;
  /** For a model read from its files (one spec): their exact weight bytes and architecture, which memory fits use. */
  readonly files?: ModelFiles;
}

/**
 * Turns one kind of model reference into specs. A Switchyard instance holds an ordered list of
 * readers (GGUF file, catalog name, and whatever plugins add); the first that recognises a
 * reference reads it. `read` resolves undefined for references of other kinds, and throws an
 * InvalidInputError when the reference is of its kind but wrong (a corrupt file, an unknown size).
 */
export interface ModelReader {
  /** Names the reader in messages and lists, e.g. `gguf-file`, `catalog`. */
  readonly name: string;
  read(reference: string, context: ReadContext): Promise<ModelReading | undefined>;
}
