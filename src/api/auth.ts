import type { Context } from 'koa';
import { API_KEY_PREFIX, hashApiKey } from '../lib/api-key-tokens.js';
import type { Collections } from '../store/database.js';
import { forbidden, unauthorized } from '../domain/errors.js';
import type { Authenticate } from './route.js';

/** The API key from `X-API-Key` or `Authorization: Bearer cp_…`. */
export function apiKeyFrom(ctx: Context): string | undefined {
  const header = ctx.get('x-api-key');
  if (header) return header;
  const [scheme, token] = ctx.get('authorization').split(' ');
  if (scheme?.toLowerCase() === 'bearer' && token?.startsWith(API_KEY_PREFIX)) return token;
  return undefined;
}

/** Resolves the caller's API key to its organization and checks the route's scope. */
export function apiKeyAuthenticator(apiKeys: Collections['apiKeys']): Authenticate {
  return async (ctx, requirement) => {
    const key = apiKeyFrom(ctx);
    if (!key) throw unauthorized('Missing authentication: send X-API-Key or Authorization: Bearer');
    const stored = await apiKeys.findOne({ keyHash: hashApiKey(key), revokedAt: null });
    if (!stored) throw unauthorized('Invalid API key');
    const allowed =
      stored.scopes.includes('admin') || requirement.scopes.some((scope) => stored.scopes.includes(scope));
    if (!allowed) throw forbidden(`This API key lacks the scope ${requirement.scopes.join(' or ')}`);
    return { organizationId: stored.organizationId, apiKeyId: stored._id, scopes: stored.scopes };
  };
}
