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
}

export interface ExecutableRuntimeDetection {
  /** The key in `HostInfo.engines`, e.g. `ollama`. */
  readonly name: string;
  /** Looked up on PATH. */
  readonly executable: string;
  /** Arguments that make it print its version; `--version` by default. */
  readonly versionArgs?: readonly string[];
}
