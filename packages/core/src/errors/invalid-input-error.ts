import { groupDigits } from '../text/group-digits.js';
import { SwitchyardError } from './switchyard-error.js';

export interface InputProblem {
  /** Dotted path of the offending field, e.g. `gpus.0.vendor`; empty for the whole input. */
  field: string;
  message: string;
}

/** Problems listed in the message; the rest are counted, so a file with 200,000 bad entries gives a readable error. */
const LISTED_PROBLEMS = 20;

/**
 * Input a person or a program gave us is wrong: a spec, a host file, a launch option. `problems`
 * holds them all; the message lists the first few and counts the others. The hint is required:
 * whoever gave the input needs to know what to change.
 */
export class InvalidInputError extends SwitchyardError {
  readonly problems: readonly InputProblem[];
  declare readonly hint: string;

  constructor(what: string, problems: readonly InputProblem[], hint: string) {
    const lines = problems
      .slice(0, LISTED_PROBLEMS)
      .map((p) => (p.field ? `  ${p.field}: ${p.message}` : `  ${p.message}`));
    const more = problems.length - LISTED_PROBLEMS;
    if (more > 0) lines.push(`  … and ${groupDigits(more)} more (${groupDigits(problems.length)} in all)`);
    super('INVALID_INPUT', `Invalid ${what}:\n${lines.join('\n')}`, { hint });
    this.problems = problems;
  }
}
