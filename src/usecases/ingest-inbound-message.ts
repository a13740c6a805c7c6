import { inboundMessageId, newId } from '../domain/ids.js';
import type { ChatType, Contact, Conversation, MessageKind } from '../domain/model.js';
import type { ConversationEngine } from '../engine/conversation-engine.js';
import { findOrInsert, isDuplicateKeyError, nextSequence, type Collections } from '../store/database.js';
import { findChannelAccount } from './channel-accounts.js';
import { ServiceError } from '../domain/errors.js';

export interface InboundMessageCommand {
  organizationId: string;
  channelAccountId: string;
  /** The channel's id for this message: the idempotency key of ingest. */
  channelMessageId: string;
  chat: { id: string; type: ChatType };
  from: { id: string; name?: string | undefined; phone?: string | undefined; email?: string | undefined };
  kind: MessageKind;
  text: string;
  sentAt?: Date | undefined;
}

export interface InboundMessageAccepted {
  messageId: string;
  conversationId: string;
  contactId: string;
  /** True when this channel message id had been ingested before (nothing new was stored). */
  duplicate: boolean;
}

/**
 * Ingest of one inbound channel message: store it durably, then make sure its conversation's
 * workflow has it. A retry with the same channel message id finds the stored message and signals
 * again; the workflow ignores a message id it has already seen, so nothing is lost or answered twice.
 */
export class IngestInboundMessage {
  constructor(
    private readonly collections: Pick<
      Collections,
      'channelAccounts' | 'contacts' | 'conversations' | 'messages' | 'counters'
    >,
    private readonly engine: ConversationEngine,
  ) {}

  async execute(command: InboundMessageCommand): Promise<InboundMessageAccepted> {
    const { organizationId } = command;
    const account = await findChannelAccount(
      this.collections.channelAccounts,
      organizationId,
      command.channelAccountId,
    );

    const contact = await this.findOrCreateContact(command);
    const conversation = await this.findOrCreateConversation(command, contact);
    const receivedAt = new Date();
    const messageId = inboundMessageId(account._id, command.channelMessageId);

    let duplicate = false;
    try {
      await this.collections.messages.insertOne({
        _id: messageId,
        organizationId,
        conversationId: conversation._id,
        channelAccountId: account._id,
        direction: 'inbound',
        author: 'contact',
        kind: command.kind,
        text: command.text,
        channelMessageId: command.channelMessageId,
        deliveryStatus: 'received',
        createdAt: receivedAt,
        sentAt: command.sentAt ?? null,
      });
      await this.collections.conversations.updateOne(
        { _id: conversation._id },
        { $max: { lastMessageAt: receivedAt } },
      );
    } catch (error) {
      if (!isDuplicateKeyError(error)) throw error;
      duplicate = true;
    }

    try {
      await this.engine.notifyInboundMessage(conversation, messageId);
    } catch (error) {
      // Stored but not handed over: the integration must retry (same message_id), which re-signals.
      throw new ServiceError(
        503,
        'temporarily_unavailable',
        'The message is stored but could not be handed to its conversation yet; retry with the same message_id',
        undefined,
        { 'retry-after': '2' },
        error,
      );
    }
    return { messageId, conversationId: conversation._id, contactId: contact._id, duplicate };
  }

  private async findOrCreateContact({
    organizationId,
    channelAccountId,
    from,
  }: InboundMessageCommand): Promise<Contact> {
    const { document } = await findOrInsert(
      this.collections.contacts,
      { organizationId, channelAccountId, externalId: from.id },
      async (): Promise<Contact> => ({
        _id: newId(),
        organizationId,
        number: await nextSequence(this.collections.counters, `${organizationId}:contacts`),
        channelAccountId,
        externalId: from.id,
        name: from.name ?? null,
        phone: from.phone ?? null,
        email: from.email ?? null,
        blocked: false,
        createdAt: new Date(),
      }),
    );
    return document;
  }

  private async findOrCreateConversation(command: InboundMessageCommand, contact: Contact): Promise<Conversation> {
    const { organizationId, channelAccountId, chat } = command;
    const { document } = await findOrInsert(
      this.collections.conversations,
      { organizationId, channelAccountId, chatId: chat.id },
      async (): Promise<Conversation> => {
        const now = new Date();
        return {
          _id: newId(),
          organizationId,
          number: await nextSequence(this.collections.counters, `${organizationId}:conversations`),
          channelAccountId,
          contactId: contact._id,
          chatId: chat.id,
          chatType: chat.type,
          status: 'open',
          aiEnabled: true,
          aiAgentActive: true,
          createdAt: now,
          lastMessageAt: now,
        };
      },
    );
    return document;
  }
}
