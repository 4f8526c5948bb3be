import type { Selection } from '../selection/selection.js';
import { SwitchyardError } from './switchyard-error.js';

// Messages name options as `option` (backticked API names); the CLI words them as its flags.

export class UnknownEngineError extends SwitchyardError {
  constructor(name: string, known: readonly string[]) {
    super('UNKNOWN_ENGINE', `There is no engine named "${name}".`, {
      hint: `Use one of: ${known.join(', ')}; or load the plugin that provides it (the \`plugins\` option).`,
    });
  }
}

export class EngineNotEligibleError extends SwitchyardError {
  readonly reasons: readonly string[];

  constructor(name: string, reasons: readonly string[]) {
    super(
      'ENGINE_NOT_ELIGIBLE',
      `Engine "${name}" cannot run this model here:\n${reasons.map((r) => `  - ${r}`).join('\n')}`,
      { hint: 'Fix what the reasons name, or drop the `engine` option to let Switchyard choose.' },
    );
    this.reasons = reasons;
  }
}

/** No engine can run the model on this host; `selection` holds every engine's reasons. */
export class NoEligibleEngineError extends SwitchyardError {
  readonly selection: Selection | undefined;

  constructor(modelName: string, selection?: Selection) {
    super('NO_ELIGIBLE_ENGINE', `No engine can run "${modelName}" on this host.`, {
      hint: '`select` with the same model and options says why each engine refused it.',
    });
    this.selection = selection;
  }
}

/** A model that no engine could run in this host's memory; `selection` holds the refusal. */
export class ModelTooLargeError extends SwitchyardError {
  readonly selection: Selection | undefined;

  constructor(reason: string, selection?: Selection) {
    super('MODEL_TOO_LARGE', reason, {
      hint: '`switchyard engines MODEL` lists every spec with the memory it needs and whether it can run here.',
    });
    this.selection = selection;
  }
}
