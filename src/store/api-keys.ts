import type { ApiKey } from '../domain/model.js';
import type { Collections } from './database.js';
import type { RecentReads } from './recent-reads.js';

/**
 * API keys and account tokens (`api_keys`): stored as hashes, looked up by hash to authenticate.
 * With `recent` (the API's), a key found a moment ago is not looked up again; revoking through this
 * repository forgets it at once.
 */
export class ApiKeyRepository {
  constructor(
    private readonly collection: Collections['apiKeys'],
    private readonly recent?: RecentReads<ApiKey>,
  ) {}

  async insert(key: ApiKey): Promise<void> {
    await this.collection.insertOne(key);
  }

  /** The key with this hash, unless revoked. */
  findActiveByHash(keyHash: string): Promise<Readonly<ApiKey> | null> {
    const find = () => this.collection.findOne({ keyHash, revokedAt: null });
    return this.recent ? this.recent.read(keyHash, find) : find();
  }

  /** The organization's keys, newest first (at most 1000). */
  listForOrganization(organizationId: string): Promise<ApiKey[]> {
    return this.collection.find({ organizationId }).sort({ createdAt: -1 }).limit(1000).toArray();
  }

  /** Revokes a key of the organization that is not revoked yet; the key as it was, or null. */
  async revoke(organizationId: string, keyId: string, at: Date): Promise<ApiKey | null> {
    const before = await this.collection.findOneAndUpdate(
      { _id: keyId, organizationId, revokedAt: null },
      { $set: { revokedAt: at } },
      { returnDocument: 'before' },
    );
    this.recent?.forgetWhere((key) => key._id === keyId && key.organizationId === organizationId);
    return before;
  }

  /** Revokes the account's other tokens (after a new one was issued). */
  async revokeAccountTokensExcept(organizationId: string, channelAccountId: string, keepId: string, at: Date) {
    await this.collection.updateMany(
      { organizationId, channelAccountId, revokedAt: null, _id: { $ne: keepId } },
      { $set: { revokedAt: at } },
    );
    this.recent?.forgetWhere(
      (key) => key.organizationId === organizationId && key.channelAccountId === channelAccountId && key._id !== keepId,
    );
  }
}
