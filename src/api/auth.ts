import type { Context } from 'koa';
import { forbidden, unauthorized } from '../domain/errors.js';
import type { AdminJwtSettings } from '../lib/admin-jwt.js';
import { InvalidAdminJwt, verifyAdminJwt } from '../lib/admin-jwt.js';
import { API_KEY_PREFIX } from '../lib/api-key-tokens.js';
import type { AuthenticateApiKey } from '../usecases/api-keys.js';
import type { Authenticate, Principal } from './route.js';

type Credentials = { kind: 'api_key'; key: string } | { kind: 'jwt'; token: string };

/** `X-API-Key: cp_…`, `Authorization: Bearer cp_…` (API key or account token) or `Authorization: Bearer <JWT>`. */
function credentialsFrom(ctx: Context): Credentials | undefined {
  const header = ctx.get('x-api-key');
  if (header) return { kind: 'api_key', key: header };
  const [scheme, token] = ctx.get('authorization').split(' ');
  if (scheme?.toLowerCase() !== 'bearer' || !token) return undefined;
  return token.startsWith(API_KEY_PREFIX) ? { kind: 'api_key', key: token } : { kind: 'jwt', token };
}

/**
 * Resolves the caller to an organization and checks the route's scopes. API keys and account tokens
 * carry their scopes; an admin JWT acts with the `admin` scope. Wrong or missing credentials are 401,
 * valid ones without the scope 403.
 */
export function authenticator(authenticateApiKey: AuthenticateApiKey, adminJwt: AdminJwtSettings): Authenticate {
  async function principalFor(credentials: Credentials): Promise<Principal> {
    if (credentials.kind === 'jwt') {
      try {
        const admin = await verifyAdminJwt(credentials.token, adminJwt);
        return {
          organizationId: admin.organizationId,
          scopes: ['admin'],
          channelAccountId: null,
          actor: { type: 'admin', id: admin.subject, name: admin.name, email: admin.email },
        };
      } catch (error) {
        if (error instanceof InvalidAdminJwt) throw unauthorized(error.message);
        throw error;
      }
    }
    const stored = await authenticateApiKey.execute({ key: credentials.key });
    if (!stored) throw unauthorized('Invalid API key');
    return {
      organizationId: stored.organizationId,
      scopes: stored.scopes,
      channelAccountId: stored.channelAccountId ?? null,
      actor: { type: stored.channelAccountId ? 'account' : 'api_key', id: stored._id, name: stored.name, email: null },
    };
  }

  return async (ctx, requirement) => {
    const credentials = credentialsFrom(ctx);
    if (!credentials) throw unauthorized('Missing authentication: send X-API-Key or Authorization: Bearer');
    const principal = await principalFor(credentials);
    const allowed =
      principal.scopes.includes('admin') || requirement.scopes.some((scope) => principal.scopes.includes(scope));
    if (!allowed) throw forbidden(`These credentials lack the scope ${requirement.scopes.join(' or ')}`);
    return principal;
  };
}
