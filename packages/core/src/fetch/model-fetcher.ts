import type { ModelSpec } from '../spec/model-spec.js';

/** How far fetching a model's files has come, for a progress display. */
export interface FetchProgress {
  /** The file being worked on. */
  readonly path: string;
  /** `verifying` a cached copy, `downloading`, or `done` with the file. */
  readonly stage: 'verifying' | 'downloading' | 'done';
  /** Bytes of the needed files in place, plus the current file's so far. */
  readonly bytesDone: number;
  /** Bytes of every needed file. */
  readonly bytesTotal: number;
  /** Bytes received from the network so far, for a rate. */
  readonly bytesFetched: number;
  /**
   * At `done`, what happened to the file: it was `present` already, `downloaded`, `resumed` from
   * an interrupted download, or `replaced` because the cached copy was damaged.
   */
  readonly outcome?: 'present' | 'downloaded' | 'resumed' | 'replaced';
}

export interface FetchRequest {
  /**
   * True (launch): download what is missing. False (plan): only say where the files are or will be
   * — the cached copy, else where a download would put them.
   */
  readonly download: boolean;
  readonly signal?: AbortSignal;
  readonly onProgress?: (progress: FetchProgress) => void;
}

/**
 * Brings a model's files onto this machine for engines that load only local files (llama.cpp's
 * node-llama-cpp and llama-cpp-python runtimes). `@switchyard/hub` provides one for the Hugging
 * Face hub; an instance without a fetcher leaves such models to engines that download for
 * themselves.
 */
export interface ModelFetcher {
  /** Whether it knows where this spec's files come from (e.g. a hub id). Pure and fast: selection asks for every spec. */
  canFetch(spec: ModelSpec): boolean;
  /** The spec with `modelPath` at the local copy of its files. */
  fetch(spec: ModelSpec, request: FetchRequest): Promise<ModelSpec>;
}

/** The fetcher of an instance composed without one: it fetches nothing. */
export const NO_MODEL_FETCHER: ModelFetcher = {
  canFetch: () => false,
  fetch: (spec) => Promise.resolve(spec),
};
