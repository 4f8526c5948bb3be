/**
 * The model architectures an engine's own model registry lists (the names a model folder's
 * `config.json` gives in `architectures`), each with the first engine release that lists it, as a
 * plugin ships them: what the rule judges by where the installed engine's registry was not read.
 */
export interface SupportedArchitectures {
  /** The engine release the list was read from. */
  readonly asOf: string;
  /** Each architecture with the first release that lists it, e.g. `{ Qwen2ForCausalLM: '0.3.0' }`. */
  readonly since: Readonly<Record<string, string>>;
}
