import type { AuditActor } from '../domain/audit.js';
import { notFound } from '../domain/errors.js';
import { newId } from '../domain/ids.js';
import type { WebhookEventType, WebhookSubscription } from '../domain/model.js';
import { generateSigningSecret } from '../lib/outbound-http.js';
import { assertOutboundTarget } from './outbound-targets.js';
import type { SecretBox } from '../lib/secret-box.js';
import { AuditLog } from '../store/audit-log.js';
import type { Collections } from '../store/database.js';
import { sealedSecretFields, secretLocation } from '../store/sealed-secrets.js';
import { findChannelAccount, type GetChannelAccount } from './channel-accounts.js';
import type { DeliveryFilter, WebhookDeliveryRepository, WebhookSubscriptionRepository } from '../store/webhooks.js';

/** A channel account's event subscriptions (signed POSTs of `ai.reply.*` and agent events). */
export class WebhookSubscriptions {
  private readonly auditLog: AuditLog;

  constructor(
    private readonly collections: Pick<Collections, 'channelAccounts' | 'webhookSubscriptions' | 'auditLog'>,
    private readonly secretBox: SecretBox,
    private readonly allowPrivateNetwork: boolean,
  ) {
    this.auditLog = new AuditLog(collections.auditLog);
  }

  /** Subscribes `url`; its signing secret is generated here and returned once. */
  async subscribe(
    organizationId: string,
    accountId: string,
    command: { url: string; events: WebhookEventType[] },
    actor: AuditActor,
  ): Promise<{ subscription: WebhookSubscription; secret: string }> {
    await findChannelAccount(this.collections.channelAccounts, organizationId, accountId);
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
    await this.collections.webhookSubscriptions.insertOne(subscription);
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

  async unsubscribe(organizationId: string, accountId: string, subscriptionId: string, actor: AuditActor) {
    const removed = await this.collections.webhookSubscriptions.findOneAndDelete({
      _id: subscriptionId,
      organizationId,
      channelAccountId: accountId,
    });
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
