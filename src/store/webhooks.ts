import {
  subscriptionScope,
  type WebhookDelivery,
  type WebhookEventType,
  type WebhookSubscription,
} from '../domain/model.js';
import type { Collections } from './database.js';

/** A channel account's event subscriptions (`webhook_subscriptions`). */
export class WebhookSubscriptionRepository {
  constructor(private readonly collection: Collections['webhookSubscriptions']) {}

  /** The account's subscriptions (at most 100). */
  listForAccount(organizationId: string, channelAccountId: string): Promise<WebhookSubscription[]> {
    return this.collection.find({ organizationId, channelAccountId }).limit(100).toArray();
  }

  /** Whether a subscription of the account (or of the whole organization) wants this event type. */
  async anyWants(organizationId: string, channelAccountId: string, eventType: WebhookEventType) {
    const subscription = await this.collection.findOne(
      { ...subscriptionScope(organizationId, channelAccountId, eventType), events: eventType },
      { projection: { _id: 1 } },
    );
    return subscription !== null;
  }

  async insert(subscription: WebhookSubscription): Promise<void> {
    await this.collection.insertOne(subscription);
  }

  /** Removes one of the account's subscriptions; the removed one, or null. */
  remove(
    organizationId: string,
    channelAccountId: string,
    subscriptionId: string,
  ): Promise<WebhookSubscription | null> {
    return this.collection.findOneAndDelete({ _id: subscriptionId, organizationId, channelAccountId });
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
