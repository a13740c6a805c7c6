import type { AuditActor } from '../domain/audit.js';
import { notFound } from '../domain/errors.js';
import { newId } from '../domain/ids.js';
import type { WebhookEventType, WebhookSubscription } from '../domain/model.js';
import { generateSigningSecret } from '../lib/outbound-http.js';
import { assertOutboundTarget } from './outbound-targets.js';
import type { SecretBox } from '../lib/secret-box.js';
import type { AuditLog } from '../store/audit-log.js';
import { sealedSecretFields, secretLocation } from '../store/sealed-secrets.js';
import type { GetChannelAccount } from './channel-accounts.js';
import type { DeliveryFilter, WebhookDeliveryRepository, WebhookSubscriptionRepository } from '../store/webhooks.js';

export interface SubscribeWebhookCommand {
  organizationId: string;
  accountId: string;
  url: string;
  events: WebhookEventType[];
  actor: AuditActor;
}

/**
 * Subscribes `url` to a channel account's events (signed POSTs of `ai.reply.*` and agent events);
 * its signing secret is generated here and returned once.
 */
export class SubscribeWebhook {
  constructor(
    private readonly channelAccounts: GetChannelAccount,
    private readonly subscriptions: WebhookSubscriptionRepository,
    private readonly auditLog: AuditLog,
    private readonly secretBox: SecretBox,
    private readonly allowPrivateNetwork: boolean,
  ) {}

  async execute({
    organizationId,
    accountId,
    actor,
    ...command
  }: SubscribeWebhookCommand): Promise<{ subscription: WebhookSubscription; secret: string }> {
    await this.channelAccounts.execute({ organizationId, accountId });
    await assertOutboundTarget(command.url, this.allowPrivateNetwork, 'url');
    const secret = generateSigningSecret();
    const subscriptionId = newId();
    const subscription: WebhookSubscription = {
      _id: subscriptionId,
      organizationId,
      channelAccountId: accountId,
      url: command.url,
      secret: this.secretBox.seal(secret, secretLocation(sealedSecretFields.webhookSubscriptionSecret, subscriptionId)),
      events: [...new Set(command.events)],
      createdAt: new Date(),
    };
    await this.subscriptions.insert(subscription);
    await this.auditLog.record({
      organizationId,
      actor,
      action: 'webhook_subscription.created',
      target: { type: 'webhook_subscription', id: subscriptionId },
      before: null,
      after: subscription,
    });
    return { subscription, secret };
  }
}

/** Removes one of the account's subscriptions (pending deliveries to it stop). */
export class UnsubscribeWebhook {
  constructor(
    private readonly subscriptions: WebhookSubscriptionRepository,
    private readonly auditLog: AuditLog,
  ) {}

  async execute({
    organizationId,
    accountId,
    subscriptionId,
    actor,
  }: {
    organizationId: string;
    accountId: string;
    subscriptionId: string;
    actor: AuditActor;
  }): Promise<void> {
    const removed = await this.subscriptions.remove(organizationId, accountId, subscriptionId);
    if (!removed) throw notFound('Webhook subscription');
    await this.auditLog.record({
      organizationId,
      actor,
      action: 'webhook_subscription.deleted',
      target: { type: 'webhook_subscription', id: subscriptionId },
      before: removed,
      after: null,
    });
  }
}

/** The account's webhook subscriptions (404 for another organization's account). */
export class ListWebhookSubscriptions {
  constructor(
    private readonly channelAccounts: GetChannelAccount,
    private readonly subscriptions: WebhookSubscriptionRepository,
  ) {}

  async execute({ organizationId, accountId }: { organizationId: string; accountId: string }) {
    await this.channelAccounts.execute({ organizationId, accountId });
    return this.subscriptions.listForAccount(organizationId, accountId);
  }
}

/** The delivery log of the account's webhooks and human-takeover webhook, newest first. */
export class ListWebhookDeliveries {
  constructor(
    private readonly channelAccounts: GetChannelAccount,
    private readonly deliveries: WebhookDeliveryRepository,
  ) {}

  async execute({
    organizationId,
    accountId,
    ...filter
  }: { organizationId: string; accountId: string } & DeliveryFilter) {
    await this.channelAccounts.execute({ organizationId, accountId });
    return this.deliveries.listForAccount(organizationId, accountId, filter);
  }
}
