import type { AuditActor } from '../domain/audit.js';
import { notFound } from '../domain/errors.js';
import { newId } from '../domain/ids.js';
import type { ApiKey, ApiKeyScope } from '../domain/model.js';
import { generateApiKey, hashApiKey } from '../lib/api-key-tokens.js';
import { AuditLog } from '../store/audit-log.js';
import type { Collections } from '../store/database.js';

export interface IssuedApiKey {
  record: ApiKey;
  /** The only time the key is visible: only its hash is stored. */
  key: string;
}

export async function issueApiKey(
  apiKeys: Collections['apiKeys'],
  command: { organizationId: string; name: string; scopes: ApiKeyScope[]; channelAccountId?: string },
): Promise<IssuedApiKey> {
  const key = generateApiKey();
  const record: ApiKey = {
    _id: newId(),
    organizationId: command.organizationId,
    name: command.name,
    keyHash: hashApiKey(key),
    prefix: key.slice(0, 10),
    scopes: command.scopes,
    channelAccountId: command.channelAccountId ?? null,
    createdAt: new Date(),
    revokedAt: null,
  };
  await apiKeys.insertOne(record);
  return { record, key };
}

/** An admin issues a key for the organization (recorded in the audit log; the key itself never is). */
export async function createApiKey(
  collections: Pick<Collections, 'apiKeys' | 'auditLog'>,
  command: { organizationId: string; name: string; scopes: ApiKeyScope[] },
  actor: AuditActor,
): Promise<IssuedApiKey> {
  const issued = await issueApiKey(collections.apiKeys, command);
  await new AuditLog(collections.auditLog).record({
    organizationId: command.organizationId,
    actor,
    action: 'api_key.created',
    target: { type: 'api_key', id: issued.record._id },
    before: null,
    after: issued.record,
  });
  return issued;
}

/** Revokes a key of the organization at once (404 for another organization's or an already revoked key). */
export async function revokeApiKey(
  collections: Pick<Collections, 'apiKeys' | 'auditLog'>,
  organizationId: string,
  keyId: string,
  actor: AuditActor,
): Promise<void> {
  const before = await collections.apiKeys.findOneAndUpdate(
    { _id: keyId, organizationId, revokedAt: null },
    { $set: { revokedAt: new Date() } },
    { returnDocument: 'before' },
  );
  if (!before) throw notFound('API key');
  await new AuditLog(collections.auditLog).record({
    organizationId,
    actor,
    action: 'api_key.revoked',
    target: { type: 'api_key', id: keyId },
    before,
    after: null,
  });
}

/** Creates an organization and its first admin key (the bootstrap path: `npm run admin -- create-org`). */
export async function createOrganization(
  collections: Pick<Collections, 'organizations' | 'apiKeys'>,
  command: { name: string },
): Promise<{ organizationId: string; adminKey: IssuedApiKey }> {
  const organizationId = newId();
  await collections.organizations.insertOne({
    _id: organizationId,
    name: command.name,
    providerStatus: 'ok',
    createdAt: new Date(),
  });
  const adminKey = await issueApiKey(collections.apiKeys, { organizationId, name: 'admin', scopes: ['admin'] });
  return { organizationId, adminKey };
}
