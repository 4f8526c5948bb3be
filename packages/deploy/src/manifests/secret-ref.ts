import { InvalidInputError } from '@switchyard/core';
import { checkObjectName } from './names.js';

/** A key of a Kubernetes Secret: the only way a secret reaches the manifests. */
export interface SecretRef {
  readonly name: string;
  readonly key: string;
}

/** Secret data keys: letters, digits, `-`, `_` and `.`. */
const KEY = /^[-._a-zA-Z0-9]+$/;

/** `NAME` or `NAME:KEY` (the key defaults to `defaultKey`), checked as Kubernetes would. */
export function parseSecretRef(field: string, value: string | SecretRef, defaultKey: string): SecretRef {
  const [name = '', key = defaultKey] = typeof value === 'string' ? value.split(':', 2) : [value.name, value.key];
  checkObjectName(field, name);
  if (!KEY.test(key) || key.length > 253) {
    throw new InvalidInputError(
      'deploy options',
      [{ field, message: `"${key}" is not a valid Secret key: use letters, digits, -, _ and .` }],
      'Name the Secret key with letters, digits, -, _ and . only.',
    );
  }
  return { name, key };
}
