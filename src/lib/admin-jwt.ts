import { jwtVerify, SignJWT, errors } from 'jose';

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

export class InvalidAdminJwt extends Error {}

export async function verifyAdminJwt(token: string, settings: AdminJwtSettings): Promise<AdminIdentity> {
  if (!settings.secret) throw new InvalidAdminJwt('admin JWTs are not enabled (ADMIN_JWT_SECRET is not set)');
  try {
    const { payload } = await jwtVerify(token, new TextEncoder().encode(settings.secret), {
      algorithms: ['HS256'],
      issuer: settings.issuer,
      audience: settings.audience,
      requiredClaims: ['sub', 'exp'],
    });
    if (typeof payload.org !== 'string' || !payload.org) throw new InvalidAdminJwt('the token has no "org" claim');
    return {
      organizationId: payload.org,
      subject: payload.sub!,
      name: typeof payload.name === 'string' ? payload.name : null,
      email: typeof payload.email === 'string' ? payload.email : null,
    };
  } catch (error) {
    if (error instanceof InvalidAdminJwt) throw error;
    if (error instanceof errors.JOSEError) throw new InvalidAdminJwt(`invalid token: ${error.code}`);
    throw error;
  }
}

export async function signAdminJwt(
  identity: Omit<AdminIdentity, 'name' | 'email'> & { name?: string; email?: string },
  settings: AdminJwtSettings & { secret: string },
  expiresIn = '12h',
): Promise<string> {
  return new SignJWT({
    org: identity.organizationId,
    ...(identity.name ? { name: identity.name } : {}),
    ...(identity.email ? { email: identity.email } : {}),
  })
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setSubject(identity.subject)
    .setIssuer(settings.issuer)
    .setAudience(settings.audience)
    .setIssuedAt()
    .setExpirationTime(expiresIn)
    .sign(new TextEncoder().encode(settings.secret));
}
