import type { ChannelAccount, HumanTakeoverWebhook } from '../domain/model.js';
import type { SealedSecret } from '../lib/secret-box.js';
import type { Collections } from './database.js';

/** Channel accounts (`channel_accounts`), always within one organization. */
export class ChannelAccountRepository {
  constructor(private readonly collection: Collections['channelAccounts']) {}

  findInOrganization(organizationId: string, accountId: string): Promise<ChannelAccount | null> {
    return this.collection.findOne({ _id: accountId, organizationId });
  }

  /**
   * An account of a channel type by its id alone: a native channel's webhook names the account in
   * its path and proves itself with the provider's credentials, not an organization's.
   */
  findOfType(accountId: string, type: ChannelAccount['type']): Promise<ChannelAccount | null> {
    return this.collection.findOne({ _id: accountId, type });
  }

  /** How replies on the account are typed: split in parts or not, and its own typing pace. */
  typingStyleOf(
    organizationId: string,
    accountId: string,
  ): Promise<Pick<ChannelAccount, '_id' | 'splitMessages' | 'typingMsPerCharacter'> | null> {
    return this.collection.findOne(
      { _id: accountId, organizationId },
      { projection: { splitMessages: 1, typingMsPerCharacter: 1 } },
    );
  }

  /** The organization's accounts, newest first (at most 1000). */
  listForOrganization(organizationId: string): Promise<ChannelAccount[]> {
    return this.collection.find({ organizationId }).sort({ createdAt: -1 }).limit(1000).toArray();
  }

  async insert(account: ChannelAccount): Promise<void> {
    await this.collection.insertOne(account);
  }

  /** Sets fields of an account of the organization; the account after the change, or null. */
  update(organizationId: string, accountId: string, set: Partial<ChannelAccount>): Promise<ChannelAccount | null> {
    return this.collection.findOneAndUpdate(
      { _id: accountId, organizationId },
      { $set: set },
      { returnDocument: 'after' },
    );
  }

  /** Saves (or, with null, removes) the account's human-takeover webhook. */
  async setTakeoverWebhook(
    organizationId: string,
    accountId: string,
    humanTakeoverWebhook: HumanTakeoverWebhook | null,
  ): Promise<void> {
    await this.collection.updateOne({ _id: accountId, organizationId }, { $set: { humanTakeoverWebhook } });
  }

  async setTakeoverWebhookSigningSecret(organizationId: string, accountId: string, signingSecret: SealedSecret) {
    await this.collection.updateOne(
      { _id: accountId, organizationId },
      { $set: { 'humanTakeoverWebhook.signingSecret': signingSecret } },
    );
  }
}
