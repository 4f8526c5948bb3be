import { SwitchyardError } from './switchyard-error.js';

export class UnknownEngineError extends SwitchyardError {
  constructor(name: string, known: readonly string[]) {
    super('UNKNOWN_ENGINE', `There is no engine named "${name}".`, {
      hint: `Use one of: ${known.join(', ')}; or load the plugin that provides it with --plugin.`,
    });
  }
}

export class EngineNotEligibleError extends SwitchyardError {
  readonly reasons: readonly string[];

  constructor(name: string, reasons: readonly string[]) {
    super(
      'ENGINE_NOT_ELIGIBLE',
      `Engine "${name}" cannot run this model here:\n${reasons.map((r) => `  - ${r}`).join('\n')}`,
      {
        hint: 'Fix what the reasons name, or drop --engine to let Switchyard choose.',
      },
    );
    this.reasons = reasons;
  }
}

export class NoEligibleEngineError extends SwitchyardError {
  constructor(modelName: string) {
    super('NO_ELIGIBLE_ENGINE', `No engine can run "${modelName}" on this host.`, {
      hint: 'Run `switchyard select` with the same arguments to see why each engine was refused.',
    });
  }
}

/** A catalog model whose every runnable spec needs more memory than the host has. */
export class ModelTooLargeError extends SwitchyardError {
  constructor(reason: string) {
    super('MODEL_TOO_LARGE', reason, {
      hint: '`switchyard engines MODEL` lists every spec with the memory it needs and whether it can run here.',
    });
  }
}
