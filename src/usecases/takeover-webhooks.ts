import { notFound } from '../domain/errors.js';
import type { ChannelAccount, HumanTakeoverWebhook } from '../domain/model.js';
import { generateSigningSecret } from '../lib/outbound-http.js';
import { assertOutboundTarget } from './outbound-targets.js';
import type { SecretBox } from '../lib/secret-box.js';
import type { AuditActor } from '../domain/audit.js';
import { AuditLog } from '../store/audit-log.js';
import type { Collections } from '../store/database.js';
import { sealedSecretFields, secretLocation } from '../store/sealed-secrets.js';
import { findChannelAccount } from './channel-accounts.js';

export interface SaveTakeoverWebhookCommand {
  url: string;
  method: HumanTakeoverWebhook['method'];
  headers: Record<string, string>;
  body: Record<string, unknown>;
}

/**
 * Seed 001's per-channel human-takeover webhook. Its custom headers are sealed (they often carry
 * credentials), and it has a signing secret of its own, generated on its first save and shown only
 * then or when rotated: the channel's hook secret signs only the channel's own hook calls.
 */
export class TakeoverWebhooks {
  private readonly channelAccounts: Collections['channelAccounts'];
  private readonly auditLog: AuditLog;

  constructor(
    collections: Pick<Collections, 'channelAccounts' | 'auditLog'>,
    private readonly secretBox: SecretBox,
    private readonly allowPrivateNetwork: boolean,
  ) {
    this.channelAccounts = collections.channelAccounts;
    this.auditLog = new AuditLog(collections.auditLog);
  }

  /** Saves the webhook; `signingSecret` is set when one was generated now (the webhook had none). */
  async save(
    organizationId: string,
    accountId: string,
    command: SaveTakeoverWebhookCommand,
    actor: AuditActor,
  ): Promise<{ webhook: HumanTakeoverWebhook; signingSecret: string | null }> {
    const account = await findChannelAccount(this.channelAccounts, organizationId, accountId);
    await assertOutboundTarget(command.url, this.allowPrivateNetwork, 'url');
    const before = account.humanTakeoverWebhook ?? null;
    const signingSecret = before?.signingSecret ? null : generateSigningSecret();
    const webhook: HumanTakeoverWebhook = {
      url: command.url,
      method: command.method,
      headers: Object.keys(command.headers).length
        ? this.secretBox.seal(
            JSON.stringify(command.headers),
            secretLocation(sealedSecretFields.takeoverWebhookHeaders, accountId),
          )
        : null,
      bodyJson: JSON.stringify(command.body),
      signingSecret: signingSecret ? this.sealSigningSecret(accountId, signingSecret) : before!.signingSecret!,
    };
    await this.channelAccounts.updateOne(
      { _id: accountId, organizationId },
      { $set: { humanTakeoverWebhook: webhook } },
    );
    await this.audit(organizationId, accountId, actor, 'human_takeover_webhook.saved', before, webhook);
    return { webhook, signingSecret };
  }

  async find(organizationId: string, accountId: string): Promise<HumanTakeoverWebhook> {
    const account = await findChannelAccount(this.channelAccounts, organizationId, accountId);
    return this.configured(account);
  }

  /** A new signing secret (the previous one, or the channel's hook secret for an older webhook, stops signing). */
  async rotateSigningSecret(
    organizationId: string,
    accountId: string,
    actor: AuditActor,
  ): Promise<{ webhook: HumanTakeoverWebhook; signingSecret: string }> {
    const webhook = await this.find(organizationId, accountId);
    const signingSecret = generateSigningSecret();
    const sealed = this.sealSigningSecret(accountId, signingSecret);
    await this.channelAccounts.updateOne(
      { _id: accountId, organizationId },
      { $set: { 'humanTakeoverWebhook.signingSecret': sealed } },
    );
    const rotated = { ...webhook, signingSecret: sealed };
    await this.audit(organizationId, accountId, actor, 'human_takeover_webhook.secret_rotated', webhook, rotated);
    return { webhook: rotated, signingSecret };
  }

  /** Removes the webhook; the one removed (null if there was none). */
  async remove(organizationId: string, accountId: string, actor: AuditActor): Promise<HumanTakeoverWebhook | null> {
    const account = await findChannelAccount(this.channelAccounts, organizationId, accountId);
    await this.channelAccounts.updateOne({ _id: accountId, organizationId }, { $set: { humanTakeoverWebhook: null } });
    const removed = account.humanTakeoverWebhook ?? null;
    if (removed) await this.audit(organizationId, accountId, actor, 'human_takeover_webhook.deleted', removed, null);
    return removed;
  }

  /** The webhook as the audit log shows it: its body parsed, its headers and secret redacted. */
  private audit(
    organizationId: string,
    accountId: string,
    actor: AuditActor,
    action: string,
    before: HumanTakeoverWebhook | null,
    after: HumanTakeoverWebhook | null,
  ) {
    const shown = (webhook: HumanTakeoverWebhook | null) => {
      if (!webhook) return null;
      const { bodyJson, ...rest } = webhook;
      return { ...rest, body: JSON.parse(bodyJson) as unknown };
    };
    return this.auditLog.record({
      organizationId,
      actor,
      action,
      target: { type: 'human_takeover_webhook', id: accountId },
      before: shown(before),
      after: shown(after),
    });
  }

  /** The custom headers, opened (their names are shown; their values never leave the service). */
  headersOf(accountId: string, webhook: HumanTakeoverWebhook): Record<string, string> {
    if (!webhook.headers) return {};
    const opened = this.secretBox.open(
      webhook.headers,
      secretLocation(sealedSecretFields.takeoverWebhookHeaders, accountId),
    );
    return JSON.parse(opened) as Record<string, string>;
  }

  private configured(account: ChannelAccount): HumanTakeoverWebhook {
    if (!account.humanTakeoverWebhook) throw notFound('Human-takeover webhook');
    return account.humanTakeoverWebhook;
  }

  private sealSigningSecret(accountId: string, secret: string) {
    return this.secretBox.seal(secret, secretLocation(sealedSecretFields.takeoverWebhookSigningSecret, accountId));
  }
}
