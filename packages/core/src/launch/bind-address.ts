import { isIP } from 'node:net';
import { networkInterfaces } from 'node:os';

// RFC 1123 host names: dot-separated labels of letters, digits and inner dashes, 253 characters at most.
const HOST_NAME = /^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)(\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)*\.?$/i;

const WILDCARDS = new Set(['0.0.0.0', '::']);

/** Why `bind` cannot be an address to listen on, judged by its spelling alone; undefined when it can. */
export function bindAddressSyntaxProblem(bind: string): string | undefined {
  // A name whose last label is all digits is a mistyped IPv4 address (999.1.1.1), never a host name.
  if (isIP(bind) !== 0 || (HOST_NAME.test(bind) && !/(^|\.)\d+\.?$/.test(bind))) return undefined;
  return `"${bind}" is not an IP address or a host name; use e.g. 127.0.0.1 (this machine only), 0.0.0.0 (every interface) or ::1`;
}

/** Whether only this machine can reach a server bound to `bind`. */
export function isLoopbackAddress(bind: string): boolean {
  const address = bind.toLowerCase();
  return address === 'localhost' || address === '::1' || (isIP(address) === 4 && address.startsWith('127.'));
}

/** Whether `bind` listens on every interface. */
export function isWildcardAddress(bind: string): boolean {
  return WILDCARDS.has(bind);
}

/**
 * Why a server on this machine cannot listen on `bind`: the address belongs to no interface here, or
 * the name resolves to none of them. Undefined when it can. Checked before anything starts, so that a
 * typo is a clear input error rather than an engine failing to bind.
 */
export async function localBindProblem(bind: string): Promise<string | undefined> {
  const syntax = bindAddressSyntaxProblem(bind);
  if (syntax !== undefined) return syntax;
  if (isWildcardAddress(bind) || isLoopbackAddress(bind)) return undefined;
  const local = localAddresses();
  if (isIP(bind) !== 0) {
    if (local.has(normalize(bind))) return undefined;
    return `${bind} is not an address of this machine; its addresses are ${[...local].join(', ')} (0.0.0.0 listens on all of them)`;
  }
  // Loaded here: only `launch` with a host name resolves one, and every CLI run loads this module.
  const { lookup } = await import('node:dns/promises');
  const resolved = await lookup(bind, { all: true }).catch(() => undefined);
  if (resolved === undefined || resolved.length === 0) return `the host name "${bind}" does not resolve`;
  if (resolved.some(({ address }) => local.has(normalize(address)) || isLoopbackAddress(address))) return undefined;
  return `"${bind}" resolves to ${resolved.map(({ address }) => address).join(', ')}, none of which is an address of this machine (${[...local].join(', ')})`;
}

function localAddresses(): Set<string> {
  return new Set(
    Object.values(networkInterfaces())
      .flat()
      .flatMap((info) => (info ? [normalize(info.address)] : [])),
  );
}

// IPv6 addresses have several spellings; compare one (scope ids aside).
function normalize(address: string): string {
  const plain = address.split('%')[0] ?? address;
  if (isIP(plain) !== 6) return plain;
  try {
    return new URL(`http://[${plain}]`).hostname.slice(1, -1);
  } catch {
    return plain;
  }
}
