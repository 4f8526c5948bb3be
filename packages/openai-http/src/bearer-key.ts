import { createHash, timingSafeEqual } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';

const BEARER = /^bearer +(.+)$/i;

const digest = (text: string) => createHash('sha256').update(text).digest();

/**
 * Whether `Authorization: Bearer <key>` carries `apiKey` (the scheme in any case, as HTTP allows).
 * Both sides are hashed first, so the comparison takes the same time whatever the given key's length.
 */
export function hasBearerKey(headers: IncomingHttpHeaders, apiKey: string): boolean {
  const given = BEARER.exec(headers.authorization ?? '')?.[1];
  return given !== undefined && timingSafeEqual(digest(given), digest(apiKey));
}
