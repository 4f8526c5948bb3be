/**
 * How host detection finds a runtime that Switchyard's own probes do not know: a third-party
 * engine's Python distribution, or its executable on PATH. What it finds appears in
 * `HostInfo.engines` under `name`, where the backend's `rules.installed(…, name, …)` looks.
 */
export type RuntimeDetection = PythonRuntimeDetection | ExecutableRuntimeDetection;

export interface PythonRuntimeDetection {
  /** The key in `HostInfo.engines`, e.g. `lmdeploy`. */
  readonly name: string;
  /** The distribution's name on PyPI; its version is read from its metadata, never imported. */
  readonly pythonPackage: string;
  /** Where the installed engine lists the model architectures it supports; they land in `architectures`. */
  readonly modelRegistry?: ModelRegistrySource;
}

/**
 * An engine's model registry in its installed source, read as text (the engine is never imported,
 * which would take seconds and may need a GPU): the files that list its architectures, and how to
 * find the names in one of them.
 */
export interface ModelRegistrySource {
  /** The package's top-level module, e.g. `vllm`; its folder is located without importing it. */
  readonly module: string;
  /** Files under the module's folder, e.g. `model_executor/models/registry.py`; `dir/*.py` reads every Python file of `dir`. */
  readonly files: readonly string[];
  /** The architecture names one file's text lists. */
  architecturesIn(source: string): readonly string[];
}

export interface ExecutableRuntimeDetection {
  /** The key in `HostInfo.engines`, e.g. `ollama`. */
  readonly name: string;
  /** Looked up on PATH. */
  readonly executable: string;
  /** Arguments that make it print its version; `--version` by default. */
  readonly versionArgs?: readonly string[];
}
