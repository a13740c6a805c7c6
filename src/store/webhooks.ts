import {
  organizationWideEventTypes,
  subscriptionScope,
  type WebhookDelivery,
  type WebhookEventType,
  type WebhookSubscription,
} from '../domain/model.js';
import type { ConfigurationVersions } from './configuration-versions.js';
import type { Collections } from './database.js';
import type { OrganizationSubscriptions, RecentReads } from './recent-reads.js';

/** An organization's subscriptions kept in the recent reads at most (more: `anyWants` asks the store). */
const RECENT_SUBSCRIPTIONS_LIMIT = 1000;

/**
 * A channel account's event subscriptions (`webhook_subscriptions`). With `recent` (the API's),
 * `anyWants` answers from the organization's subscriptions read a moment ago; subscribing or
 * unsubscribing through this repository forgets them.
 */
export class WebhookSubscriptionRepository {
  constructor(
    private readonly collection: Collections['webhookSubscriptions'],
    private readonly configuration: ConfigurationVersions,
    private readonly recent?: RecentReads<OrganizationSubscriptions>,
  ) {}

  /** The account's subscriptions (at most 100). */
  listForAccount(organizationId: string, channelAccountId: string): Promise<WebhookSubscription[]> {
    return this.collection.find({ organizationId, channelAccountId }).limit(100).toArray();
  }

  /**
   * Whether a subscription of the account (or of the whole organization) wants this event type:
   * answered from `known` (the organization's subscriptions as the caller read them) or the recent
   * reads when they hold all of them, else asked.
   */
  async anyWants(
    organizationId: string,
    channelAccountId: string,
    eventType: WebhookEventType,
    known?: OrganizationSubscriptions,
  ): Promise<boolean> {
    const read = known ?? (await this.recent?.read(organizationId, () => this.ofOrganization(organizationId)));
    if (read?.complete) {
      // The same scope as `subscriptionScope`: the account's subscriptions, or all of an organization-wide type.
      const anyAccount = organizationWideEventTypes.includes(eventType);
      return read.subscriptions.some(
        (subscription) =>
          (anyAccount || subscription.channelAccountId === channelAccountId) && subscription.events.includes(eventType),
      );
    }
    const subscription = await this.collection.findOne(
      { ...subscriptionScope(organizationId, channelAccountId, eventType), events: eventType },
      { projection: { _id: 1 } },
    );
    return subscription !== null;
  }

  /** The subscriptions of the account (or of the whole organization) that want this event type. */
  wanting(
    organizationId: string,
    channelAccountId: string,
    eventType: WebhookEventType,
  ): Promise<WebhookSubscription[]> {
    return this.collection
      .find({ ...subscriptionScope(organizationId, channelAccountId, eventType), events: eventType })
      .toArray();
  }

  /** Which events each of the organization's subscriptions wants (what `anyWants` answers from). */
  async ofOrganization(organizationId: string): Promise<OrganizationSubscriptions> {
    const subscriptions = await this.collection
      .find({ organizationId }, { projection: { _id: 0, channelAccountId: 1, events: 1 } })
      .limit(RECENT_SUBSCRIPTIONS_LIMIT + 1)
      .toArray();
    return {
      complete: subscriptions.length <= RECENT_SUBSCRIPTIONS_LIMIT,
      subscriptions: subscriptions.map(({ channelAccountId, events }) => ({ channelAccountId, events })),
    };
  }

  findInOrganization(organizationId: string, subscriptionId: string): Promise<WebhookSubscription | null> {
    return this.collection.findOne({ _id: subscriptionId, organizationId });
  }

  async insert(subscription: WebhookSubscription): Promise<void> {
    await this.collection.insertOne(subscription);
    await this.changed(subscription.organizationId);
  }

  /** Removes one of the account's subscriptions; the removed one, or null. */
  async remove(
    organizationId: string,
    channelAccountId: string,
    subscriptionId: string,
  ): Promise<WebhookSubscription | null> {
    const removed = await this.collection.findOneAndDelete({ _id: subscriptionId, organizationId, channelAccountId });
    await this.changed(organizationId);
    return removed;
  }

  /** After a change of the organization's subscriptions: forgotten here, and the workers' copies by the new version. */
  private async changed(organizationId: string): Promise<void> {
    this.recent?.forget(organizationId);
    await this.configuration.changed(organizationId);
  }
}

export interface DeliveryFilter {
  event?: WebhookEventType | undefined;
  status?: WebhookDelivery['status'] | undefined;
  limit: number;
}

/** The delivery log of webhooks and human-takeover webhooks (`webhook_deliveries`). */
export class WebhookDeliveryRepository {
  constructor(private readonly collection: Collections['webhookDeliveries']) {}

  /** Records a pending delivery unless its id (derived from event and target) is recorded already. */
  async insertOnce(delivery: WebhookDelivery): Promise<void> {
    await this.collection.updateOne({ _id: delivery._id }, { $setOnInsert: delivery }, { upsert: true });
  }

  findById(deliveryId: string): Promise<WebhookDelivery | null> {
    return this.collection.findOne({ _id: deliveryId });
  }

  /** One attempt more: its status code and error, and `delivered` when it had no error. */
  async recordAttempt(deliveryId: string, lastStatusCode: number | null, lastError: string | null): Promise<void> {
    await this.collection.updateOne(
      { _id: deliveryId },
      {
        $inc: { attempts: 1 },
        $set: {
          lastStatusCode,
          lastError,
          ...(lastError ? {} : { status: 'delivered', completedAt: new Date() }),
        },
      },
    );
  }

  /** Failed for good (with `onlyIfPending`, unless it left `pending` meanwhile). */
  async markFailed(deliveryId: string, lastError: string, { onlyIfPending }: { onlyIfPending: boolean }) {
    await this.collection.updateOne(
      { _id: deliveryId, ...(onlyIfPending ? { status: 'pending' as const } : {}) },
      { $set: { status: 'failed', lastError, completedAt: new Date() } },
    );
  }

  /** The account's deliveries, newest first. */
  listForAccount(organizationId: string, channelAccountId: string, filter: DeliveryFilter): Promise<WebhookDelivery[]> {
    return this.collection
      .find({
        organizationId,
        channelAccountId,
        ...(filter.event ? { eventType: filter.event } : {}),
        ...(filter.status ? { status: filter.status } : {}),
      })
      .sort({ createdAt: -1 })
      .limit(filter.limit)
      .toArray();
  }
}
