import { InvalidInputError, isLoopbackAddress, localBindProblem } from '@switchyard/core';
import { API_KEY_ENV } from './api-key.js';

/**
 * Refuses a `--bind` address this machine does not have, before anything starts: the engine would
 * fail to bind it, late and in its own words. (plan checks only the spelling: it may plan for elsewhere.)
 */
export async function assertBindHere(bind: string): Promise<void> {
  const problem = await localBindProblem(bind);
  if (problem !== undefined) {
    throw new InvalidInputError(
      '--bind',
      [{ field: '--bind', message: problem }],
      'Leave --bind out to listen on 127.0.0.1 (this machine only), or name an address `ip -brief address` lists.',
    );
  }
}

/** The warning for a server other machines can reach that asks for no key; undefined when there is none to give. */
export function exposureWarning(bind: string, hasApiKey: boolean): string | undefined {
  if (hasApiKey || isLoopbackAddress(bind)) return undefined;
  return `--bind ${bind} lets other machines reach the server, and it takes no API key: anyone who can reach this address can use it. Set $${API_KEY_ENV} or --api-key-file to require one, or leave --bind out to serve this machine only.`;
}
