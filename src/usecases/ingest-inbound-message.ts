import { inboundMessageId, newId } from '../domain/ids.js';
import type {
  ChatType,
  Contact,
  Conversation,
  Message,
  MessageKind,
  MessageMedia,
  WebhookEmission,
} from '../domain/model.js';
import type { ConversationEngine } from '../engine/conversation-engine.js';
import type { EventPublisher } from '../engine/event-publisher.js';
import type { ChannelAccountRepository } from '../store/channel-accounts.js';
import type { ContactRepository } from '../store/contacts.js';
import type { ChatRef, ConversationRepository } from '../store/conversations.js';
import type { MessageRepository } from '../store/messages.js';
import type { SequenceAllocator } from '../store/sequence-allocator.js';
import { notFound, ServiceError } from '../domain/errors.js';

export interface InboundMessageCommand {
  organizationId: string;
  channelAccountId: string;
  /** The channel's id for this message: the idempotency key of ingest. */
  channelMessageId: string;
  chat: { id: string; type: ChatType };
  from: { id: string; name?: string | undefined; phone?: string | undefined; email?: string | undefined };
  kind: MessageKind;
  text: string;
  media?: MessageMedia | undefined;
  sentAt?: Date | undefined;
  /**
   * `human`: a person of the business wrote it in the channel's own app (native channels). It is
   * stored as sent and pauses the bot (or puts it to sleep); it is never sent again nor answered.
   */
  sentBy?: 'contact' | 'human';
  /** Whether the bot may answer a conversation this message creates (a Chatwoot conversation already `open`). */
  newConversationBotActive?: boolean;
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
    private readonly store: {
      channelAccounts: ChannelAccountRepository;
      contacts: ContactRepository;
      conversations: ConversationRepository;
      messages: MessageRepository;
      /** Numbers new contacts and conversations per organization. */
      sequences: SequenceAllocator;
    },
    private readonly engine: ConversationEngine,
    private readonly events: EventPublisher,
  ) {}

  async execute(command: InboundMessageCommand): Promise<InboundMessageAccepted> {
    const { organizationId, channelAccountId, chat } = command;
    const { conversations, messages } = this.store;
    const chatRef = { organizationId, channelAccountId, chatId: chat.id };
    // The usual message comes from a chat this process met before: which conversation it has never
    // changes and is kept, as is the account (API_READ_CACHE_SECONDS). Nothing is written before the
    // account is known to belong to the caller's organization.
    const [account, knownConversationId] = await Promise.all([
      this.store.channelAccounts.findInOrganizationRecent(organizationId, channelAccountId),
      conversations.idOfChat(chatRef),
    ]);
    if (!account) throw notFound('Channel account');
    // A new chat's conversation is created for its first sender's contact; in a known chat, the
    // sender's contact is found (or created) while the message is stored.
    const { conversationId, sender } = knownConversationId
      ? { conversationId: knownConversationId, sender: null }
      : await this.newChat(command, chatRef);

    const firstReceivedAt = new Date();
    const messageId = inboundMessageId(account._id, command.channelMessageId);
    const byHuman = command.sentBy === 'human';
    // A human's message coming back for one this service sent (the provider echoes our own sends).
    const echoOf = byHuman && (await messages.outboundIdByChannelMessageId(account._id, command.channelMessageId));
    if (echoOf) {
      const contact = sender ?? (await this.senderContact(command));
      return { messageId: echoOf, conversationId, contactId: contact._id, duplicate: true };
    }
    const message: Message = {
      _id: messageId,
      organizationId,
      conversationId,
      channelAccountId: account._id,
      direction: byHuman ? 'outbound' : 'inbound',
      author: byHuman ? 'human' : 'contact',
      kind: command.kind,
      text: command.text,
      channelMessageId: command.channelMessageId,
      deliveryStatus: byHuman ? 'sent' : 'received',
      createdAt: firstReceivedAt,
      sentAt: command.sentAt ?? null,
      ...(command.media ? { media: command.media } : {}),
    };
    const [contact, { duplicate, receivedAt }] = await Promise.all([
      sender ?? this.senderContact(command),
      messages.insertUnlessDuplicate(message),
    ]);
    const handOver = (conversation: Conversation) =>
      byHuman
        ? this.engine.requestOutboundMessage(conversation, {
            messageId,
            text: command.text,
            author: 'human',
            sentByChannel: true,
          })
        : this.engine.notifyInboundMessage(conversation, messageId, {
            reopenIfClosed: account.reopenOnInbound ?? true,
            summary: { contactName: contact.name, channelName: account.name },
          });

    try {
      // `$max` of the time first received is idempotent, and the event's id is the message's: a
      // retry after a failure here completes what is missing, and nothing happens twice. The bump
      // is saved before the workflow hears of the message: on FerretDB an update is a read and a
      // write, and one racing the reply's own bump could undo it. It answers with the conversation
      // as it is now: the controls a workflow started by this message begins with.
      const conversation = await conversations.recordMessageAt(conversationId, receivedAt, !byHuman);
      if (!conversation) throw new Error(`Conversation ${conversationId} of a stored message is gone`);
      await Promise.all([
        byHuman ? undefined : this.events.publish(messageReceived(message, contact, receivedAt)),
        handOver(conversation),
      ]);
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
    return { messageId, conversationId, contactId: contact._id, duplicate };
  }

  /** The conversation of a chat met for the first time, with its sender's contact. */
  private async newChat(command: InboundMessageCommand, chatRef: ChatRef) {
    const sender = await this.senderContact(command);
    const conversation = await this.store.conversations.insertUnlessExists(chatRef, () =>
      this.newConversation(command, sender),
    );
    return { conversationId: conversation._id, sender };
  }

  /** The sender's contact: as read a few seconds ago (API_READ_CACHE_SECONDS), found, or created. */
  private async senderContact(command: InboundMessageCommand): Promise<Readonly<Contact>> {
    const { organizationId, channelAccountId, from } = command;
    const identity = { organizationId, channelAccountId, externalId: from.id };
    const { contacts } = this.store;
    const found = await contacts.findByChannelIdentityRecent(identity);
    return found ?? contacts.insertUnlessExists(identity, () => this.newContact(command));
  }

  private async newContact({ organizationId, channelAccountId, from }: InboundMessageCommand): Promise<Contact> {
    return {
      _id: newId(),
      organizationId,
      number: await this.store.sequences.next(`${organizationId}:contacts`),
      channelAccountId,
      externalId: from.id,
      name: from.name ?? null,
      phone: from.phone ?? null,
      email: from.email ?? null,
      blocked: false,
      createdAt: new Date(),
    };
  }

  private async newConversation(
    { organizationId, channelAccountId, chat, newConversationBotActive }: InboundMessageCommand,
    contact: Contact,
  ): Promise<Conversation> {
    const now = new Date();
    return {
      _id: newId(),
      organizationId,
      number: await this.store.sequences.next(`${organizationId}:conversations`),
      channelAccountId,
      contactId: contact._id,
      chatId: chat.id,
      chatType: chat.type,
      status: 'open',
      aiEnabled: true,
      aiAgentActive: newConversationBotActive ?? true,
      createdAt: now,
      lastMessageAt: now,
    };
  }
}

/** `message.received`: the contact's message as a subscriber mirrors it (time: when first received). */
function messageReceived(message: Message, contact: Contact, receivedAt: Date): WebhookEmission {
  return {
    organizationId: message.organizationId,
    channelAccountId: message.channelAccountId,
    event: {
      id: `${message._id}.message.received`,
      type: 'message.received',
      timestamp: receivedAt.toISOString(),
      data: {
        conversation_id: message.conversationId,
        channel_account_id: message.channelAccountId,
        contact_id: contact._id,
        contact: { name: contact.name, phone: contact.phone, email: contact.email },
        message_id: message._id,
        channel_message_id: message.channelMessageId,
        type: message.kind,
        text: message.text,
        ...(message.media
          ? { media: { id: message.media.id, url: message.media.url, mime_type: message.media.mimeType } }
          : {}),
      },
    },
  };
}
