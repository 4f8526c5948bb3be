import { InvalidInputError } from '@switchyard/core';

/** A DNS-1035 label: what Service names must be (and Deployment names may be). */
const DNS_LABEL = /^[a-z]([-a-z0-9]{0,61}[a-z0-9])?$/;
/** A DNS-1123 label: what namespaces must be. */
const NAMESPACE = /^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/;
/** A DNS-1123 subdomain: what Secret and PersistentVolumeClaim names must be. */
const SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;

/** The name for the Deployment and Service: `name` if given (checked), else one made from the model's name. */
export function resourceName(given: string | undefined, modelName: string): string {
  if (given !== undefined)
    return checked(
      'name',
      given,
      DNS_LABEL,
      'lower-case letters, digits and -, starting with a letter, at most 63 characters',
    );
  const made = modelName
    .toLowerCase()
    .replace(/[^a-z0-9-]+/g, '-')
    .replace(/-+/g, '-')
    .replace(/^[^a-z]+/, '')
    .slice(0, 63)
    .replace(/-+$/, '');
  return made === '' ? 'model' : made;
}

export function checkNamespace(namespace: string): string {
  return checked('namespace', namespace, NAMESPACE, 'lower-case letters, digits and -, at most 63 characters');
}

/** A Secret's or PersistentVolumeClaim's name, named by the option it came from. */
export function checkObjectName(field: string, name: string): string {
  return checked(field, name, SUBDOMAIN, 'lower-case letters, digits, - and ., at most 253 characters', 253);
}

function checked(field: string, value: string, pattern: RegExp, rule: string, max = 63): string {
  if (value.length <= max && pattern.test(value)) return value;
  throw new InvalidInputError(
    'deploy options',
    [{ field, message: `"${value}" is not a valid Kubernetes name: use ${rule}` }],
    'Pick a name that follows the rule named.',
  );
}
