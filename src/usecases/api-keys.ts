import { newId } from '../domain/ids.js';
import type { ApiKey, ApiKeyScope } from '../domain/model.js';
import { generateApiKey, hashApiKey } from '../lib/api-key-tokens.js';
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
