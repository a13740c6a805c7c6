import type { Filter } from 'mongodb';
import type { Conversation, ConversationRoute, ConversationStatus } from '../domain/model.js';
import type { ConfigurationVersions } from './configuration-versions.js';
import { insertUnlessExists, type Collections } from './database.js';
import type { ChatConversation, RecentReads } from './recent-reads.js';

/** A chat of a channel account: one conversation each. */
export interface ChatRef {
  organizationId: string;
  channelAccountId: string;
  chatId: string;
}

const chatKey = ({ organizationId, channelAccountId, chatId }: ChatRef) =>
  `${organizationId}/${channelAccountId}/${chatId}`;

/** Where a page of the listing starts: after this conversation in newest-activity-first order. */
export interface ConversationPosition {
  lastMessageAt: Date;
  id: string;
}

export interface ConversationFilter {
  status?: ConversationStatus | undefined;
  /** Stored controls: `paused` covers a sleeping bot too (its wake-up timer lives in the workflow). */
  botState?: 'active' | 'paused' | 'ai_disabled' | 'closed' | undefined;
  channelAccountId?: string | undefined;
  contactIds?: string[] | undefined;
}

/**
 * Conversations, always within one organization. Which agent one is transferred to changes only by
 * a transfer or the agent's deletion, so it moves the organization's configuration version and
 * workers keep it with the configuration. With `chats` (the API's), which conversation a chat has is
 * kept: conversations are never deleted nor moved to another chat.
 */
export class ConversationRepository {
  constructor(
    private readonly collection: Collections['conversations'],
    private readonly configuration: ConfigurationVersions,
    private readonly chats?: RecentReads<ChatConversation>,
  ) {}

  findInOrganization(organizationId: string, id: string): Promise<Conversation | null> {
    return this.collection.findOne({ _id: id, organizationId });
  }

  /** The conversation of a chat of a channel account. */
  findByChat({ organizationId, channelAccountId, chatId }: ChatRef): Promise<Conversation | null> {
    return this.collection.findOne({ organizationId, channelAccountId, chatId });
  }

  /** The id of a chat's conversation, kept once read (ingest's request path); null: the chat has none yet. */
  async idOfChat(chat: ChatRef): Promise<string | null> {
    const { organizationId, channelAccountId, chatId } = chat;
    const find = async () => {
      const found = await this.collection.findOne(
        { organizationId, channelAccountId, chatId },
        { projection: { _id: 1 } },
      );
      return found && { conversationId: found._id };
    };
    const kept = await (this.chats ? this.chats.read(chatKey(chat), find) : find());
    return kept?.conversationId ?? null;
  }

  /**
   * Inserts `create()` for a chat just looked up and not found; a concurrent caller's conversation
   * wins. Which conversation the chat has is kept like one just read.
   */
  async insertUnlessExists(chat: ChatRef, create: () => Promise<Conversation>): Promise<Conversation> {
    const { organizationId, channelAccountId, chatId } = chat;
    const conversation = await insertUnlessExists(
      this.collection,
      { organizationId, channelAccountId, chatId },
      create,
    );
    this.chats?.keep(chatKey(chat), { conversationId: conversation._id });
    return conversation;
  }

  /**
   * A message was received at `receivedAt`: `$max`, so a late or repeated bump never moves the times
   * back. A human's message (`inbound` false) counts as activity, not as the contact's. Answers with
   * the conversation after the bump (ingest's fresh read of its controls), or null when none has the id.
   */
  recordMessageAt(conversationId: string, receivedAt: Date, inbound: boolean): Promise<Conversation | null> {
    return this.collection.findOneAndUpdate(
      { _id: conversationId },
      { $max: { lastMessageAt: receivedAt, ...(inbound ? { lastInboundAt: receivedAt } : {}) } },
      { returnDocument: 'after' },
    );
  }

  /** The agent the conversation was transferred to (null: its channel's primary agent answers). */
  async assignedAgentOf(organizationId: string, conversationId: string): Promise<string | null> {
    const found = await this.collection.findOne(
      { _id: conversationId, organizationId },
      { projection: { agentId: 1 } },
    );
    return found?.agentId ?? null;
  }

  /** The conversation is transferred to the agent. */
  async assignAgent(organizationId: string, conversationId: string, agentId: string): Promise<void> {
    await this.collection.updateOne({ _id: conversationId, organizationId }, { $set: { agentId } });
    await this.configuration.changed(organizationId);
  }

  /** Conversations transferred to the agent go back to their channel's primary agent. */
  async unassignAgent(organizationId: string, agentId: string): Promise<void> {
    await this.collection.updateMany({ organizationId, agentId }, { $set: { agentId: null } });
    await this.configuration.changed(organizationId);
  }

  /**
   * Sets stored fields of a conversation of the organization (its controls, as the workflow decided
   * them). Never its route (workers keep routes for their life: activities/conversation-reads.ts)
   * nor its agent (`assignAgent`).
   */
  async set(
    organizationId: string,
    conversationId: string,
    set: Partial<Omit<Conversation, keyof ConversationRoute | 'agentId'>>,
  ): Promise<void> {
    await this.collection.updateOne({ _id: conversationId, organizationId }, { $set: set });
  }

  /** A message went out at `sentAt` (`$max`: never moves the time back). */
  async recordSentAt(organizationId: string, conversationId: string, sentAt: Date): Promise<void> {
    await this.collection.updateOne({ _id: conversationId, organizationId }, { $max: { lastMessageAt: sentAt } });
  }

  /** By its per-organization number (seed 000's `/api/conversations/{id}`). */
  findByNumber(organizationId: string, number: number): Promise<Conversation | null> {
    return this.collection.findOne({ organizationId, number });
  }

  /** The most recently active conversation of any of these contacts. */
  async latestOfContacts(organizationId: string, contactIds: string[]): Promise<Conversation | null> {
    const [conversation] = await this.collection
      .find({ organizationId, contactId: { $in: contactIds } })
      .sort({ lastMessageAt: -1 })
      .limit(1)
      .toArray();
    return conversation ?? null;
  }

  /** The most recently active open conversation of any of these contacts. */
  async latestOpenOfContacts(organizationId: string, contactIds: string[]): Promise<Conversation | null> {
    const [conversation] = await this.collection
      .find({ organizationId, contactId: { $in: contactIds }, status: 'open' })
      .sort({ lastMessageAt: -1 })
      .limit(1)
      .toArray();
    return conversation ?? null;
  }

  /**
   * Seed 001's listing: conversations whose fields equal the given values, in the given order (ties
   * by id), `offset` skipped.
   */
  listWhereEqual(
    organizationId: string,
    equal: Partial<Record<keyof Conversation, unknown>>,
    options: { sort: Partial<Record<keyof Conversation, 1 | -1>>; offset: number; limit: number },
  ): Promise<Conversation[]> {
    return this.collection
      .find({ ...(equal as Filter<Conversation>), organizationId })
      .sort({ ...options.sort, _id: 1 })
      .skip(options.offset)
      .limit(options.limit)
      .toArray();
  }

  /** One page, newest activity first (ties by id), of the conversations after `after`. */
  page(
    organizationId: string,
    filter: ConversationFilter,
    options: { after?: ConversationPosition | undefined; limit: number },
  ): Promise<Conversation[]> {
    const query: Filter<Conversation> = { organizationId };
    // Both filters may name a status (`status=open&bot_state=closed` matches nothing).
    if (filter.botState) query.$and = [botStateFilter(filter.botState)];
    if (filter.status) query.status = filter.status;
    if (filter.channelAccountId) query.channelAccountId = filter.channelAccountId;
    if (filter.contactIds) query.contactId = { $in: filter.contactIds };
    if (options.after) {
      const { lastMessageAt, id } = options.after;
      query.$or = [{ lastMessageAt: { $lt: lastMessageAt } }, { lastMessageAt, _id: { $lt: id } }];
    }
    return this.collection.find(query).sort({ lastMessageAt: -1, _id: -1 }).limit(options.limit).toArray();
  }
}

/** The stored controls a bot state stands for (the order of checks is botState()'s in workflows/bot-state.ts). */
function botStateFilter(state: NonNullable<ConversationFilter['botState']>): Filter<Conversation> {
  switch (state) {
    case 'closed':
      return { status: 'closed' };
    case 'paused':
      return { status: 'open', aiAgentActive: false };
    case 'ai_disabled':
      return { status: 'open', aiAgentActive: true, aiEnabled: false };
    case 'active':
      return { status: 'open', aiAgentActive: true, aiEnabled: true };
  }
}
