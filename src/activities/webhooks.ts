import { ApplicationFailure } from '@temporalio/activity';
import { derivedId } from '../domain/ids.js';
import type { WebhookDelivery, WebhookEvent } from '../domain/model.js';
import { OutboundTargetRefused, postSigned, type OutboundPolicy } from '../lib/outbound-http.js';
import type { SecretBox } from '../lib/secret-box.js';
import type { Collections } from '../store/database.js';
import { isRetryableHookStatus } from './channel-delivery.js';

export interface WebhookEmission {
  organizationId: string;
  channelAccountId: string;
  event: WebhookEvent;
}

export interface WebhookDeps {
  collections: Pick<Collections, 'webhookSubscriptions' | 'webhookDeliveries'>;
  secretBox: SecretBox;
  outbound: OutboundPolicy;
}

export function createWebhookActivities({ collections, secretBox, outbound }: WebhookDeps) {
  return {
    /**
     * Records one pending delivery per subscription of the account that wants this event type and
     * returns their ids. Idempotent: delivery ids derive from the event and the subscription.
     */
    async prepareWebhookDeliveries({ organizationId, channelAccountId, event }: WebhookEmission): Promise<string[]> {
      const subscriptions = await collections.webhookSubscriptions
        .find({ organizationId, channelAccountId, events: event.type })
        .toArray();
      const { id: eventId, ...payload } = event;
      const ids: string[] = [];
      for (const subscription of subscriptions) {
        const delivery: WebhookDelivery = {
          _id: derivedId(eventId, subscription._id),
          organizationId,
          channelAccountId,
          subscriptionId: subscription._id,
          eventId,
          eventType: event.type,
          url: subscription.url,
          payload,
          status: 'pending',
          attempts: 0,
          lastStatusCode: null,
          lastError: null,
          createdAt: new Date(),
          completedAt: null,
        };
        await collections.webhookDeliveries.updateOne(
          { _id: delivery._id },
          { $setOnInsert: delivery },
          { upsert: true },
        );
        ids.push(delivery._id);
      }
      return ids;
    },

    /** One signed POST of a delivery; every attempt is counted in the delivery log. */
    async deliverWebhook({ deliveryId }: { deliveryId: string }): Promise<void> {
      const delivery = await collections.webhookDeliveries.findOne({ _id: deliveryId });
      if (!delivery) throw ApplicationFailure.nonRetryable(`webhook delivery ${deliveryId} not found`, 'NotFound');
      if (delivery.status === 'delivered') return;
      const subscription = await collections.webhookSubscriptions.findOne({
        _id: delivery.subscriptionId,
        organizationId: delivery.organizationId,
      });
      if (!subscription) {
        await collections.webhookDeliveries.updateOne(
          { _id: deliveryId },
          { $set: { status: 'failed', lastError: 'subscription deleted', completedAt: new Date() } },
        );
        return;
      }
      let status: number | null = null;
      let error: string | null = null;
      let final = false;
      try {
        const response = await postSigned(
          { url: subscription.url, secret: secretBox.open(subscription.secret), deliveryId, payload: delivery.payload },
          outbound,
        );
        status = response.status;
        if (status >= 400) error = `answered ${status}: ${response.body.slice(0, 300)}`;
      } catch (failure) {
        error = failure instanceof Error ? failure.message : String(failure);
        final = failure instanceof OutboundTargetRefused;
      }
      await collections.webhookDeliveries.updateOne(
        { _id: deliveryId },
        {
          $inc: { attempts: 1 },
          $set: {
            lastStatusCode: status,
            lastError: error,
            ...(error ? {} : { status: 'delivered', completedAt: new Date() }),
          },
        },
      );
      if (!error) return;
      if (final || (status !== null && !isRetryableHookStatus(status))) {
        throw ApplicationFailure.nonRetryable(error, 'WebhookRejected');
      }
      throw ApplicationFailure.retryable(error, 'WebhookUnavailable');
    },

    /** After the last retry: the delivery log says it failed, and why. */
    async markWebhookFailed({ deliveryId, reason }: { deliveryId: string; reason: string }): Promise<void> {
      await collections.webhookDeliveries.updateOne(
        { _id: deliveryId, status: 'pending' },
        { $set: { status: 'failed', lastError: reason, completedAt: new Date() } },
      );
    },
  };
}
