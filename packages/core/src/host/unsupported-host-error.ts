import { SwitchyardError } from '../errors/switchyard-error.js';
import { ARCHITECTURES } from './host-info.js';

/** The machine is of a kind Switchyard cannot describe, so it cannot plan for it by detection. */
export class UnsupportedHostError extends SwitchyardError {
  constructor(arch: string) {
    super(
      'UNSUPPORTED_HOST',
      `This machine's CPU architecture is ${arch}; Switchyard describes ${ARCHITECTURES.join(' and ')} hosts only.`,
      {
        hint: 'Plan with --host-file, naming a JSON file that describes the machine to plan for; `switchyard host --json` run there writes one.',
      },
    );
  }
}
