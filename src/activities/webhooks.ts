import { ApplicationFailure } from '@temporalio/activity';
import { ChannelCallFailed } from '../channels/channel.js';
import { channelOf } from '../channels/index.js';
import { derivedId } from '../domain/ids.js';
import type { WebhookDelivery, WebhookEmission, WebhookEvent } from '../domain/model.js';
import { OutboundTargetRefused, postSigned, type OutboundPolicy } from '../lib/outbound-http.js';
import type { SecretBox } from '../lib/secret-box.js';
import type { Repositories } from '../store/repositories.js';
import { sealedSecretFields, secretLocation } from '../store/sealed-secrets.js';
import { endpointSecretOf } from '../store/signing-secrets.js';
import { isRetryableHookStatus } from '../channels/provider-http.js';

export interface WebhookDeps {
  store: Pick<
    Repositories,
    'webhookSubscriptions' | 'webhookDeliveries' | 'channelAccounts' | 'contacts' | 'conversations'
  >;
  secretBox: SecretBox;
  outbound: OutboundPolicy;
}

type PendingDeliveryFields = Omit<WebhookDelivery, 'target' | 'subscriptionId' | 'url' | 'payloadJson'>;

function pendingDelivery(
  organizationId: string,
  channelAccountId: string,
  event: WebhookEvent,
  id: string,
): PendingDeliveryFields {
  return {
    _id: id,
    organizationId,
    channelAccountId,
    eventId: event.id,
    eventType: event.type,
    status: 'pending',
    attempts: 0,
    lastStatusCode: null,
    lastError: null,
    createdAt: new Date(),
    completedAt: null,
  };
}

export function createWebhookActivities({ store, secretBox, outbound }: WebhookDeps) {
  const { webhookSubscriptions, webhookDeliveries, channelAccounts, contacts, conversations } = store;
  /**
   * Seed 001's default human-takeover payload (event, conversation, channel, agent, contact,
   * timestamp) with the channel's custom body merged over it; null when the channel has no webhook.
   */
  async function humanTakeoverPayload(organizationId: string, channelAccountId: string, event: WebhookEvent) {
    const account = await channelAccounts.findInOrganization(organizationId, channelAccountId);
    const webhook = account?.humanTakeoverWebhook;
    if (!account || !webhook) return null;
    const contact = await contacts.findInOrganization(organizationId, String(event.data.contact_id));
    const [firstName, ...lastNames] = (contact?.name ?? '').split(' ');
    const defaults = {
      event: 'human_takeover',
      conversation_id: event.data.conversation_id,
      channel_account_id: channelAccountId,
      channel_name: account.name,
      agent: event.data.agent ?? null,
      contact: contact
        ? {
            id: contact._id,
            first_name: firstName || null,
            last_name: lastNames.join(' ') || null,
            phones: contact.phone ? [contact.phone] : [],
            emails: contact.email ? [contact.email] : [],
          }
        : null,
      timestamp: event.timestamp,
    };
    const custom = JSON.parse(webhook.bodyJson) as Record<string, unknown>;
    return { url: webhook.url, payload: { ...defaults, ...custom } };
  }

  /**
   * A takeover on a native channel whose provider has its own handoff (Chatwoot): that handoff is a
   * delivery too, retried and logged like the webhooks. Not when the provider itself caused the pause.
   */
  async function channelHandoff(organizationId: string, channelAccountId: string, event: WebhookEvent) {
    const account = await channelAccounts.findInOrganization(organizationId, channelAccountId);
    if (!account?.providerSettings || !channelOf(account, secretBox).channel.handoff) return null;
    const agent = event.data.agent as { id?: unknown } | undefined;
    if (agent?.id === `channel:${account._id}`) return null;
    return { url: `${account.type}:handoff`, payload: { conversation_id: event.data.conversation_id } };
  }

  /** Runs the provider's handoff for the delivery's conversation. */
  async function handOff(delivery: WebhookDelivery): Promise<void> {
    const { organizationId } = delivery;
    const { conversation_id: conversationId } = JSON.parse(delivery.payloadJson) as { conversation_id: string };
    const [account, conversation] = await Promise.all([
      channelAccounts.findInOrganization(organizationId, delivery.channelAccountId),
      conversations.findInOrganization(organizationId, conversationId),
    ]);
    if (!account || !conversation) throw new ChannelCallFailed('conversation or channel account removed', false);
    const { channel, settings } = channelOf(account, secretBox);
    await channel.handoff?.(
      {
        account,
        conversation,
        contact: () => Promise.resolve(null),
        lastInbound: () => Promise.resolve(null),
        now: new Date(),
        outbound,
      },
      settings,
    );
  }

  /** Where a delivery goes now: the subscription's or the channel's current settings. */
  async function requestFor(delivery: WebhookDelivery) {
    if (delivery.target === 'human_takeover') {
      const account = await channelAccounts.findInOrganization(delivery.organizationId, delivery.channelAccountId);
      const webhook = account?.humanTakeoverWebhook;
      if (!account || !webhook) return null;
      return {
        url: webhook.url,
        method: webhook.method,
        headers: webhook.headers
          ? (JSON.parse(
              secretBox.open(webhook.headers, secretLocation(sealedSecretFields.takeoverWebhookHeaders, account._id)),
            ) as Record<string, string>)
          : {},
        secret: endpointSecretOf(
          secretBox,
          { sealed: webhook.signingSecret, field: sealedSecretFields.takeoverWebhookSigningSecret, id: account._id },
          account,
        ),
      };
    }
    const subscription = await webhookSubscriptions.findInOrganization(
      delivery.organizationId,
      delivery.subscriptionId ?? '',
    );
    return subscription
      ? {
          url: subscription.url,
          method: 'POST' as const,
          headers: {},
          secret: secretBox.open(
            subscription.secret,
            secretLocation(sealedSecretFields.webhookSubscriptionSecret, subscription._id),
          ),
        }
      : null;
  }

  return {
    /**
     * Records one pending delivery per subscription of the account that wants this event type and
     * returns their ids. Idempotent: delivery ids derive from the event and the subscription.
     */
    async prepareWebhookDeliveries({ organizationId, channelAccountId, event }: WebhookEmission): Promise<string[]> {
      const takingOver = event.type === 'human_takeover';
      const [subscriptions, takeover, handoff] = await Promise.all([
        webhookSubscriptions.wanting(organizationId, channelAccountId, event.type),
        takingOver ? humanTakeoverPayload(organizationId, channelAccountId, event) : null,
        takingOver ? channelHandoff(organizationId, channelAccountId, event) : null,
      ]);
      const { id: eventId, ...standardPayload } = event;
      const deliveries: WebhookDelivery[] = subscriptions.map((subscription) => ({
        // In the subscription's own account's delivery log (an organization-wide event reaches every account).
        ...pendingDelivery(organizationId, subscription.channelAccountId, event, derivedId(eventId, subscription._id)),
        target: 'subscription',
        subscriptionId: subscription._id,
        url: subscription.url,
        payloadJson: JSON.stringify(standardPayload),
      }));
      // The channel's own takeover webhook and its provider's handoff are deliveries of their own.
      const channelTargets = [
        ['human_takeover', takeover],
        ['channel_handoff', handoff],
      ] as const;
      for (const [target, request] of channelTargets) {
        if (!request) continue;
        deliveries.push({
          ...pendingDelivery(organizationId, channelAccountId, event, derivedId(eventId, target)),
          target,
          subscriptionId: null,
          url: request.url,
          payloadJson: JSON.stringify(request.payload),
        });
      }
      for (const delivery of deliveries) {
        await webhookDeliveries.insertOnce(delivery);
      }
      return deliveries.map((delivery) => delivery._id);
    },

    /** One attempt of a delivery (a signed POST, or the provider's handoff); each is counted in the delivery log. */
    async deliverWebhook({ deliveryId }: { deliveryId: string }): Promise<void> {
      const delivery = await webhookDeliveries.findById(deliveryId);
      if (!delivery) throw ApplicationFailure.nonRetryable(`webhook delivery ${deliveryId} not found`, 'NotFound');
      if (delivery.status === 'delivered') return;
      const request = delivery.target === 'channel_handoff' ? null : await requestFor(delivery);
      if (!request && delivery.target !== 'channel_handoff') {
        await webhookDeliveries.markFailed(deliveryId, 'webhook removed', { onlyIfPending: false });
        return;
      }
      let status: number | null = null;
      let error: string | null = null;
      let final = false;
      try {
        if (request) {
          const response = await postSigned(
            { ...request, deliveryId, payload: JSON.parse(delivery.payloadJson) },
            outbound,
          );
          status = response.status;
          // Status only: the subscriber's body is not echoed into the delivery log its organization reads.
          if (status >= 400) error = `answered ${status}`;
        } else {
          await handOff(delivery);
        }
      } catch (failure) {
        error = failure instanceof Error ? failure.message : String(failure);
        final =
          failure instanceof OutboundTargetRefused || (failure instanceof ChannelCallFailed && !failure.retryable);
      }
      await webhookDeliveries.recordAttempt(deliveryId, status, error);
      if (!error) return;
      if (final || (status !== null && !isRetryableHookStatus(status))) {
        throw ApplicationFailure.nonRetryable(error, 'WebhookRejected');
      }
      throw ApplicationFailure.retryable(error, 'WebhookUnavailable');
    },

    /** After the last retry: the delivery log says it failed, and why. */
    async markWebhookFailed({ deliveryId, reason }: { deliveryId: string; reason: string }): Promise<void> {
      await webhookDeliveries.markFailed(deliveryId, reason, { onlyIfPending: true });
    },
  };
}
