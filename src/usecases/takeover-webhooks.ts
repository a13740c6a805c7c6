import type { AuditActor } from '../domain/audit.js';
import { notFound } from '../domain/errors.js';
import type { ChannelAccount, HumanTakeoverWebhook } from '../domain/model.js';
import { generateSigningSecret } from '../lib/outbound-http.js';
import type { SecretBox } from '../lib/secret-box.js';
import type { AuditLog } from '../store/audit-log.js';
import type { ChannelAccountRepository } from '../store/channel-accounts.js';
import { sealedSecretFields, secretLocation } from '../store/sealed-secrets.js';
import type { GetChannelAccount } from './channel-accounts.js';
import { assertOutboundTarget } from './outbound-targets.js';

// Seed 001's per-channel human-takeover webhook. Its custom headers are sealed (they often carry
// credentials), and it has a signing secret of its own, generated on its first save and shown only
// then or when rotated: the channel's hook secret signs only the channel's own hook calls.

/** The webhook and the names of its custom headers (their values never leave the service). */
export interface TakeoverWebhookState {
  webhook: HumanTakeoverWebhook;
  headerNames: string[];
}

/** The custom headers' names, opened from the sealed headers. */
function headerNamesOf(secretBox: SecretBox, accountId: string, webhook: HumanTakeoverWebhook): string[] {
  if (!webhook.headers) return [];
  const opened = secretBox.open(webhook.headers, secretLocation(sealedSecretFields.takeoverWebhookHeaders, accountId));
  return Object.keys(JSON.parse(opened) as Record<string, string>);
}

const sealSigningSecret = (secretBox: SecretBox, accountId: string, secret: string) =>
  secretBox.seal(secret, secretLocation(sealedSecretFields.takeoverWebhookSigningSecret, accountId));

function configured(account: ChannelAccount): HumanTakeoverWebhook {
  if (!account.humanTakeoverWebhook) throw notFound('Human-takeover webhook');
  return account.humanTakeoverWebhook;
}

/** The webhook as the audit log shows it: its body parsed, its headers and secret redacted. */
function audit(
  auditLog: AuditLog,
  change: TakeoverWebhookCommand & {
    action: string;
    before: HumanTakeoverWebhook | null;
    after: HumanTakeoverWebhook | null;
  },
) {
  const shown = (webhook: HumanTakeoverWebhook | null) => {
    if (!webhook) return null;
    const { bodyJson, ...rest } = webhook;
    return { ...rest, body: JSON.parse(bodyJson) as unknown };
  };
  return auditLog.record({
    organizationId: change.organizationId,
    actor: change.actor,
    action: change.action,
    target: { type: 'human_takeover_webhook', id: change.accountId },
    before: shown(change.before),
    after: shown(change.after),
  });
}

/** Whose webhook a command changes, and who changes it. */
export interface TakeoverWebhookCommand {
  organizationId: string;
  accountId: string;
  actor: AuditActor;
}

export interface SaveTakeoverWebhookCommand extends TakeoverWebhookCommand {
  url: string;
  method: HumanTakeoverWebhook['method'];
  headers: Record<string, string>;
  body: Record<string, unknown>;
}

/** Saves the webhook; `signingSecret` is set when one was generated now (the webhook had none). */
export class SaveTakeoverWebhook {
  constructor(
    private readonly getChannelAccount: GetChannelAccount,
    private readonly channelAccounts: ChannelAccountRepository,
    private readonly auditLog: AuditLog,
    private readonly secretBox: SecretBox,
    private readonly allowPrivateNetwork: boolean,
  ) {}

  async execute({
    organizationId,
    accountId,
    actor,
    ...command
  }: SaveTakeoverWebhookCommand): Promise<TakeoverWebhookState & { signingSecret: string | null }> {
    const account = await this.getChannelAccount.execute({ organizationId, accountId });
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
      signingSecret: signingSecret
        ? sealSigningSecret(this.secretBox, accountId, signingSecret)
        : before!.signingSecret!,
    };
    await this.channelAccounts.setTakeoverWebhook(organizationId, accountId, webhook);
    await audit(this.auditLog, {
      organizationId,
      accountId,
      actor,
      action: 'human_takeover_webhook.saved',
      before,
      after: webhook,
    });
    return { webhook, headerNames: headerNamesOf(this.secretBox, accountId, webhook), signingSecret };
  }
}

/** The account's webhook (404 when none is configured). */
export class GetTakeoverWebhook {
  constructor(
    private readonly getChannelAccount: GetChannelAccount,
    private readonly secretBox: SecretBox,
  ) {}

  async execute({ organizationId, accountId }: { organizationId: string; accountId: string }) {
    const webhook = configured(await this.getChannelAccount.execute({ organizationId, accountId }));
    return { webhook, headerNames: headerNamesOf(this.secretBox, accountId, webhook) };
  }
}

/** A new signing secret (the previous one, or the channel's hook secret for an older webhook, stops signing). */
export class RotateTakeoverWebhookSecret {
  constructor(
    private readonly getChannelAccount: GetChannelAccount,
    private readonly channelAccounts: ChannelAccountRepository,
    private readonly auditLog: AuditLog,
    private readonly secretBox: SecretBox,
  ) {}

  async execute({
    organizationId,
    accountId,
    actor,
  }: TakeoverWebhookCommand): Promise<{ webhook: HumanTakeoverWebhook; signingSecret: string }> {
    const webhook = configured(await this.getChannelAccount.execute({ organizationId, accountId }));
    const signingSecret = generateSigningSecret();
    const sealed = sealSigningSecret(this.secretBox, accountId, signingSecret);
    await this.channelAccounts.setTakeoverWebhookSigningSecret(organizationId, accountId, sealed);
    const rotated = { ...webhook, signingSecret: sealed };
    await audit(this.auditLog, {
      organizationId,
      accountId,
      actor,
      action: 'human_takeover_webhook.secret_rotated',
      before: webhook,
      after: rotated,
    });
    return { webhook: rotated, signingSecret };
  }
}

/** Removes the webhook; the one removed (null if there was none). */
export class RemoveTakeoverWebhook {
  constructor(
    private readonly getChannelAccount: GetChannelAccount,
    private readonly channelAccounts: ChannelAccountRepository,
    private readonly auditLog: AuditLog,
  ) {}

  async execute({ organizationId, accountId, actor }: TakeoverWebhookCommand): Promise<HumanTakeoverWebhook | null> {
    const account = await this.getChannelAccount.execute({ organizationId, accountId });
    await this.channelAccounts.setTakeoverWebhook(organizationId, accountId, null);
    const removed = account.humanTakeoverWebhook ?? null;
    if (removed) {
      await audit(this.auditLog, {
        organizationId,
        accountId,
        actor,
        action: 'human_takeover_webhook.deleted',
        before: removed,
        after: null,
      });
    }
    return removed;
  }
}
