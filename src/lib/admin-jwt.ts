import { jwtVerify, SignJWT, errors, type JWTPayload } from 'jose';

/** Admin JWTs: HS256, issuer and audience checked, `sub` and `exp` required, `org` names the organization. */
export interface AdminJwtSettings {
  secret: string | undefined;
  issuer: string;
  audience: string;
}

export interface AdminIdentity {
  organizationId: string;
  subject: string;
  name: string | null;
  email: string | null;
}

/**
 * The audience of operator tokens: signed with the same secret as admin JWTs but service-wide (no
 * `org` claim), for what only the service's operators may do: decode Temporal payloads (`/codec`).
 * An organization's admin JWT has another audience and an `org`, so it is never an operator token.
 */
export const OPERATOR_AUDIENCE = 'convo-pilot-operator';

export class InvalidAdminJwt extends Error {}

async function verifyJwt(token: string, settings: AdminJwtSettings, audience: string): Promise<JWTPayload> {
  if (!settings.secret) throw new InvalidAdminJwt('admin JWTs are not enabled (ADMIN_JWT_SECRET is not set)');
  try {
    const { payload } = await jwtVerify(token, new TextEncoder().encode(settings.secret), {
      algorithms: ['HS256'],
      issuer: settings.issuer,
      audience,
      requiredClaims: ['sub', 'exp'],
    });
    return payload;
  } catch (error) {
    if (error instanceof errors.JOSEError) throw new InvalidAdminJwt(`invalid token: ${error.code}`);
    throw error;
  }
}

function signJwt(
  claims: JWTPayload,
  subject: string,
  settings: AdminJwtSettings & { secret: string },
  audience: string,
  expiresIn: string,
): Promise<string> {
  return new SignJWT(claims)
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setSubject(subject)
    .setIssuer(settings.issuer)
    .setAudience(audience)
    .setIssuedAt()
    .setExpirationTime(expiresIn)
    .sign(new TextEncoder().encode(settings.secret));
}

export async function verifyAdminJwt(token: string, settings: AdminJwtSettings): Promise<AdminIdentity> {
  const payload = await verifyJwt(token, settings, settings.audience);
  if (typeof payload.org !== 'string' || !payload.org) throw new InvalidAdminJwt('the token has no "org" claim');
  return {
    organizationId: payload.org,
    subject: payload.sub!,
    name: typeof payload.name === 'string' ? payload.name : null,
    email: typeof payload.email === 'string' ? payload.email : null,
  };
}

export async function signAdminJwt(
  identity: Omit<AdminIdentity, 'name' | 'email'> & { name?: string; email?: string },
  settings: AdminJwtSettings & { secret: string },
  expiresIn = '12h',
): Promise<string> {
  const claims = {
    org: identity.organizationId,
    ...(identity.name ? { name: identity.name } : {}),
    ...(identity.email ? { email: identity.email } : {}),
  };
  return signJwt(claims, identity.subject, settings, settings.audience, expiresIn);
}

/** Verifies an operator token and answers who the operator is (its `sub`). */
export async function verifyOperatorJwt(token: string, settings: AdminJwtSettings): Promise<{ subject: string }> {
  const payload = await verifyJwt(token, settings, OPERATOR_AUDIENCE);
  if (payload.org !== undefined) throw new InvalidAdminJwt('an operator token has no "org" claim');
  return { subject: payload.sub! };
}

export function signOperatorJwt(
  subject: string,
  settings: AdminJwtSettings & { secret: string },
  expiresIn = '12h',
): Promise<string> {
  return signJwt({}, subject, settings, OPERATOR_AUDIENCE, expiresIn);
}
