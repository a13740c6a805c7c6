import { WebhookRejected, type InboundEvent, type NativeChannel, type WebhookRequest } from '../channels/channel.js';
import { nativeChannelAt, openProviderSettings } from '../channels/index.js';
import { badRequest, notFound, ServiceError } from '../domain/errors.js';
import type { ChannelAccount } from '../domain/model.js';
import type { ConversationEngine } from '../engine/conversation-engine.js';
import type { SecretBox } from '../lib/secret-box.js';
import type { ChannelAccountRepository } from '../store/channel-accounts.js';
import type { ConversationRepository } from '../store/conversations.js';
import type { MessageRepository } from '../store/messages.js';
import type { IngestInboundMessage } from './ingest-inbound-message.js';

/** Status reports in the order they can happen: a late `sent` never overwrites `read`. */
const statusRank: Record<string, number> = { sent: 1, delivered: 2, read: 3, played: 4, failed: 5 };

/** The native account a webhook path names, its channel and its opened settings; 404 unless it exists. */
async function webhookAccount(
  channelAccounts: ChannelAccountRepository,
  secretBox: SecretBox,
  provider: string,
  accountId: string,
) {
  const channel = nativeChannelAt(provider);
  const account = channel && (await channelAccounts.findOfType(accountId, channel.type));
  if (!channel || !account?.providerSettings) throw notFound('Channel account');
  return { account, channel, settings: openProviderSettings(account, secretBox) } as {
    account: ChannelAccount;
    channel: NativeChannel<unknown>;
    settings: unknown;
  };
}

/** The provider's rejection of a webhook's proof, as the API answers it (401/403). */
function proven<T>(check: () => T): T {
  try {
    return check();
  } catch (error) {
    if (!(error instanceof WebhookRejected)) throw error;
    throw new ServiceError(error.status, error.status === 401 ? 'unauthorized' : 'forbidden', error.message);
  }
}

export interface ChannelWebhookRef {
  /** The provider's name in the webhook path (`whatsapp`, `telegram`, …). */
  provider: string;
  accountId: string;
}

/** The provider's subscription check (WhatsApp's `hub.challenge`): the text to answer. */
export class VerifyChannelWebhookSubscription {
  constructor(
    private readonly channelAccounts: ChannelAccountRepository,
    private readonly secretBox: SecretBox,
  ) {}

  async execute({ provider, accountId, query }: ChannelWebhookRef & { query: Record<string, unknown> }) {
    const { channel, settings } = await webhookAccount(this.channelAccounts, this.secretBox, provider, accountId);
    if (!channel.verifySubscription) throw notFound('Webhook verification');
    return proven(() => channel.verifySubscription!(query, settings));
  }
}

/**
 * A native channel's webhook: the provider's proof is checked on the raw bytes, then each event
 * takes the durable path of the generic ingest (idempotent by the provider's message id), updates
 * a sent message's status, or moves the chat between the bot and the provider's humans.
 */
export class ReceiveChannelWebhook {
  constructor(
    private readonly store: {
      channelAccounts: ChannelAccountRepository;
      conversations: ConversationRepository;
      messages: MessageRepository;
    },
    private readonly engine: ConversationEngine,
    private readonly secretBox: SecretBox,
    private readonly ingest: IngestInboundMessage,
  ) {}

  async execute({
    provider,
    accountId,
    request,
  }: ChannelWebhookRef & { request: WebhookRequest }): Promise<{ events: number }> {
    const { account, channel, settings } = await webhookAccount(
      this.store.channelAccounts,
      this.secretBox,
      provider,
      accountId,
    );
    proven(() => channel.verify(request, settings));
    let body: unknown;
    try {
      body = JSON.parse(request.rawBody.toString('utf8'));
    } catch {
      throw badRequest('The webhook body is not JSON');
    }
    const events = channel.parse(body, settings);
    /** Chats the provider gave to its humans (or back to the bot) before we had a conversation for them. */
    const botActiveOfNewChats = new Map<string, boolean>();
    for (const event of events) {
      if (event.kind === 'message') await this.ingestMessage(account, event, botActiveOfNewChats.get(event.chat.id));
      else if (event.kind === 'status') await this.recordStatus(account, event);
      else if (!(await this.applyControl(account, event))) botActiveOfNewChats.set(event.chatId, event.botActive);
    }
    return { events: events.length };
  }

  private async ingestMessage(
    account: ChannelAccount,
    event: Extract<InboundEvent, { kind: 'message' }>,
    newConversationBotActive: boolean | undefined,
  ): Promise<void> {
    await this.ingest.execute({
      organizationId: account.organizationId,
      channelAccountId: account._id,
      channelMessageId: event.channelMessageId,
      chat: event.chat,
      from: event.from,
      kind: event.messageKind,
      text: event.text,
      media: event.media,
      sentAt: event.sentAt,
      sentBy: event.sentBy,
      newConversationBotActive,
    });
  }

  private async recordStatus(account: ChannelAccount, event: Extract<InboundEvent, { kind: 'status' }>) {
    const rank = statusRank[event.status] ?? 0;
    await this.store.messages.recordChannelStatus(
      { organizationId: account.organizationId, channelAccountId: account._id },
      event.channelMessageId,
      { status: event.status, at: event.at, error: event.error, rank },
    );
  }

  /** Pauses or resumes the bot of a known chat; false when there is no conversation for it yet. */
  private async applyControl(account: ChannelAccount, event: Extract<InboundEvent, { kind: 'control' }>) {
    const conversation = await this.store.conversations.findByChat({
      organizationId: account.organizationId,
      channelAccountId: account._id,
      chatId: event.chatId,
    });
    if (!conversation) return false;
    if (conversation.aiAgentActive !== event.botActive) {
      await this.engine.changeControls(conversation, {
        botActive: event.botActive,
        actor: { id: `channel:${account._id}`, name: `${account.name} (conversation status)`, email: null },
      });
    }
    return true;
  }
}
