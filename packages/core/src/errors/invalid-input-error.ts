import { SwitchyardError } from './switchyard-error.js';

export interface InputProblem {
  /** Dotted path of the offending field, e.g. `gpus.0.vendor`; empty for the whole input. */
  field: string;
  message: string;
}

/** Input a person or a program gave us is wrong: a spec, a host file, a launch option. */
export class InvalidInputError extends SwitchyardError {
  readonly problems: readonly InputProblem[];

  constructor(what: string, problems: readonly InputProblem[], hint?: string) {
    const lines = problems.map((p) => (p.field ? `  ${p.field}: ${p.message}` : `  ${p.message}`));
    super('INVALID_INPUT', `Invalid ${what}:\n${lines.join('\n')}`, hint ? { hint } : {});
    this.problems = problems;
  }
}
