import { createHash, randomBytes } from 'node:crypto';

/** Every API key starts with this, so it is recognisable in a header and by secret scanners. */
export const API_KEY_PREFIX = 'cp_';

export function generateApiKey(): string {
  return `${API_KEY_PREFIX}${randomBytes(32).toString('base64url')}`;
}

/**
 * Keys carry 256 random bits, so a fast hash is enough: there is nothing to brute-force, and
 * lookups by hash stay one indexed read.
 */
export function hashApiKey(key: string): string {
  return createHash('sha256').update(key).digest('hex');
}
