import type { AuditActor } from '../domain/audit.js';
import { notFound } from '../domain/errors.js';
import { newId } from '../domain/ids.js';
import type { ApiKey, ApiKeyScope } from '../domain/model.js';
import { generateApiKey, hashApiKey } from '../lib/api-key-tokens.js';
import { ApiKeyRepository } from '../store/api-keys.js';
import type { AuditLog } from '../store/audit-log.js';
import type { Collections } from '../store/database.js';
import { OrganizationRepository } from '../store/organizations.js';

export interface IssuedApiKey {
  record: ApiKey;
  /** The only time the key is visible: only its hash is stored. */
  key: string;
}

export async function issueApiKey(
  apiKeys: ApiKeyRepository,
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
  await apiKeys.insert(record);
  return { record, key };
}

export interface CreateApiKeyCommand {
  organizationId: string;
  name: string;
  scopes: ApiKeyScope[];
  actor: AuditActor;
}

/** An admin issues a key for the organization (recorded in the audit log; the key itself never is). */
export class CreateApiKey {
  constructor(
    private readonly apiKeys: ApiKeyRepository,
    private readonly auditLog: AuditLog,
  ) {}

  async execute({ actor, ...command }: CreateApiKeyCommand): Promise<IssuedApiKey> {
    const issued = await issueApiKey(this.apiKeys, command);
    await this.auditLog.record({
      organizationId: command.organizationId,
      actor,
      action: 'api_key.created',
      target: { type: 'api_key', id: issued.record._id },
      before: null,
      after: issued.record,
    });
    return issued;
  }
}

/** The organization's keys, newest first (never the keys themselves: only their hashes are stored). */
export class ListApiKeys {
  constructor(private readonly apiKeys: ApiKeyRepository) {}

  execute({ organizationId }: { organizationId: string }): Promise<ApiKey[]> {
    return this.apiKeys.listForOrganization(organizationId);
  }
}

/** Revokes a key of the organization at once (404 for another organization's or an already revoked key). */
export class RevokeApiKey {
  constructor(
    private readonly apiKeys: ApiKeyRepository,
    private readonly auditLog: AuditLog,
  ) {}

  async execute({ organizationId, keyId, actor }: { organizationId: string; keyId: string; actor: AuditActor }) {
    const before = await this.apiKeys.revoke(organizationId, keyId, new Date());
    if (!before) throw notFound('API key');
    await this.auditLog.record({
      organizationId,
      actor,
      action: 'api_key.revoked',
      target: { type: 'api_key', id: keyId },
      before,
      after: null,
    });
  }
}

/**
 * The stored key (or account token) a caller presented, unless unknown or revoked (read at most
 * `API_READ_CACHE_SECONDS` ago: a key revoked by another API process works that much longer).
 */
export class AuthenticateApiKey {
  constructor(private readonly apiKeys: ApiKeyRepository) {}

  execute({ key }: { key: string }): Promise<Readonly<ApiKey> | null> {
    return this.apiKeys.findActiveByHash(hashApiKey(key));
  }
}

/** Creates an organization and its first admin key (the bootstrap path: `npm run admin -- create-org`). */
export async function createOrganization(
  collections: Pick<Collections, 'organizations' | 'apiKeys'>,
  command: { name: string },
): Promise<{ organizationId: string; adminKey: IssuedApiKey }> {
  const organizationId = newId();
  await new OrganizationRepository(collections.organizations).insert({
    _id: organizationId,
    name: command.name,
    providerStatus: 'ok',
    createdAt: new Date(),
  });
  const adminKey = await issueApiKey(new ApiKeyRepository(collections.apiKeys), {
    organizationId,
    name: 'admin',
    scopes: ['admin'],
  });
  return { organizationId, adminKey };
}
