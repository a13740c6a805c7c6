import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import { WebhookRejected } from './channel.js';

/** Constant-time equality of two secrets of any length (compared as SHA-256 digests). */
export function sameSecret(given: string | undefined, expected: string): boolean {
  if (given === undefined) return false;
  const digest = (value: string) => createHash('sha256').update(value, 'utf8').digest();
  return timingSafeEqual(digest(given), digest(expected));
}

/** Hex HMAC-SHA256 of `parts` (raw bytes or text, concatenated) keyed with `secret`. */
export function hmacSha256Hex(secret: string, ...parts: (Buffer | string)[]): string {
  const hmac = createHmac('sha256', secret);
  for (const part of parts) hmac.update(part);
  return hmac.digest('hex');
}

/** Throws 401 unless `given` equals `expected`. */
export function requireSecret(given: string | undefined, expected: string, what: string): void {
  if (!sameSecret(given, expected)) throw new WebhookRejected(401, given ? `invalid ${what}` : `missing ${what}`);
}
