import type { ChannelAccount, HumanTakeoverWebhook } from '../domain/model.js';
import type { SealedSecret } from '../lib/secret-box.js';
import type { ConfigurationVersions } from './configuration-versions.js';
import type { Collections } from './database.js';
import type { RecentReads } from './recent-reads.js';

/**
 * Channel accounts (`channel_accounts`), always within one organization. With `recent` (the
 * API's), `findInOrganizationRecent` reuses an account read a moment ago; every change through
 * this repository forgets it, and changes the organization's configuration version.
 */
export class ChannelAccountRepository {
  constructor(
    private readonly collection: Collections['channelAccounts'],
    private readonly configuration: ConfigurationVersions,
    private readonly recent?: RecentReads<ChannelAccount>,
  ) {}

  findInOrganization(organizationId: string, accountId: string): Promise<ChannelAccount | null> {
    return this.collection.findOne({ _id: accountId, organizationId });
  }

  /**
   * The account as read at most a few seconds ago in this process (`API_READ_CACHE_SECONDS`), for
   * the request path (ingest); reads that show or change the account use `findInOrganization`.
   */
  findInOrganizationRecent(organizationId: string, accountId: string): Promise<Readonly<ChannelAccount> | null> {
    const find = () => this.findInOrganization(organizationId, accountId);
    return this.recent ? this.recent.read(recentKey(organizationId, accountId), find) : find();
  }

  /**
   * An account of a channel type by its id alone: a native channel's webhook names the account in
   * its path and proves itself with the provider's credentials, not an organization's.
   */
  findOfType(accountId: string, type: ChannelAccount['type']): Promise<ChannelAccount | null> {
    return this.collection.findOne({ _id: accountId, type });
  }

  /** The organization's accounts, newest first (at most 1000). */
  listForOrganization(organizationId: string): Promise<ChannelAccount[]> {
    return this.collection.find({ organizationId }).sort({ createdAt: -1 }).limit(1000).toArray();
  }

  async insert(account: ChannelAccount): Promise<void> {
    await this.collection.insertOne(account);
    await this.configuration.changed(account.organizationId);
  }

  /** Sets fields of an account of the organization; the account after the change, or null. */
  async update(
    organizationId: string,
    accountId: string,
    set: Partial<ChannelAccount>,
  ): Promise<ChannelAccount | null> {
    const after = await this.collection.findOneAndUpdate(
      { _id: accountId, organizationId },
      { $set: set },
      { returnDocument: 'after' },
    );
    await this.changed(organizationId, accountId);
    return after;
  }

  /** Saves (or, with null, removes) the account's human-takeover webhook. */
  async setTakeoverWebhook(
    organizationId: string,
    accountId: string,
    humanTakeoverWebhook: HumanTakeoverWebhook | null,
  ): Promise<void> {
    await this.collection.updateOne({ _id: accountId, organizationId }, { $set: { humanTakeoverWebhook } });
    await this.changed(organizationId, accountId);
  }

  async setTakeoverWebhookSigningSecret(organizationId: string, accountId: string, signingSecret: SealedSecret) {
    await this.collection.updateOne(
      { _id: accountId, organizationId },
      { $set: { 'humanTakeoverWebhook.signingSecret': signingSecret } },
    );
    await this.changed(organizationId, accountId);
  }

  /** After a change of the account: forgotten here, and the workers' copies by the new version. */
  private async changed(organizationId: string, accountId: string): Promise<void> {
    this.recent?.forget(recentKey(organizationId, accountId));
    await this.configuration.changed(organizationId);
  }
}

/** Keyed by organization and id: an account is only ever found within its own organization. */
const recentKey = (organizationId: string, accountId: string) => `${organizationId}/${accountId}`;
