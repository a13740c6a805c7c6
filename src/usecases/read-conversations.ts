import type { Agent } from '../domain/agent.js';
import { badRequest, notFound } from '../domain/errors.js';
import type { AiLog, ChannelAccount, Contact, Conversation, Message } from '../domain/model.js';
import type { ConversationEngine } from '../engine/conversation-engine.js';
import type { ConversationStateView } from '../workflows/definitions.js';
import type { AgentRepository } from '../store/agents.js';
import type { AiLogRepository } from '../store/ai-logs.js';
import type { ChannelAccountRepository } from '../store/channel-accounts.js';
import type { ContactRepository } from '../store/contacts.js';
import type { ConversationFilter, ConversationRepository } from '../store/conversations.js';
import type { MessageRepository, TranscriptPosition } from '../store/messages.js';

/**
 * The conversation read API's use cases: the inbox listing, one conversation, its transcript and
 * its AI turns. Everything is looked up within the caller's organization (and, for an account
 * token, its own channel account): another organization's id is a 404, never a leak.
 */

export interface ReadScope {
  organizationId: string;
  /** An account token reads its own channel account's conversations only. */
  channelAccountId: string | null;
}

export interface PageQuery {
  cursor?: string | undefined;
  limit: number;
}

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

/** At most this many contacts match a text search; the listing shows their conversations. */
const SEARCH_CONTACTS_LIMIT = 500;

/** Cursors are `<ISO time>_<id>` of the last item shown, base64url: opaque to clients, checked on the way in. */
const cursorText = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z)_(.{1,128})$/s;

function encodeCursor(at: Date, id: string): string {
  return Buffer.from(`${at.toISOString()}_${id}`, 'utf8').toString('base64url');
}

function decodeCursor(cursor: string | undefined): { at: Date; id: string } | undefined {
  if (cursor === undefined) return undefined;
  const match = cursorText.exec(Buffer.from(cursor, 'base64url').toString('utf8'));
  if (!match) throw invalidQuery('cursor', 'is not a cursor from this listing');
  return { at: new Date(match[1]!), id: match[2]! };
}

const invalidQuery = (path: string, message: string) =>
  badRequest('Invalid query parameters', [{ in: 'query parameters', path, message }]);

/** Fetches one more than asked: whether it came back says if there is a next page. */
async function paged<T>(
  limit: number,
  fetch: (limit: number) => Promise<T[]>,
  positionOf: (item: T) => { at: Date; id: string },
): Promise<Page<T>> {
  const fetched = await fetch(limit + 1);
  const items = fetched.slice(0, limit);
  const last = items.at(-1);
  const more = fetched.length > limit && last !== undefined;
  return { items, nextCursor: more ? encodeCursor(positionOf(last).at, positionOf(last).id) : null };
}

export interface ConversationListQuery extends PageQuery, Omit<ConversationFilter, 'contactIds'> {
  contactId?: string | undefined;
  /** Text in the contact's name, phone or email. */
  search?: string | undefined;
}

export interface ConversationListItem {
  conversation: Conversation;
  contact: Contact | null;
}

export class ListConversations {
  constructor(
    private readonly conversations: ConversationRepository,
    private readonly contacts: ContactRepository,
  ) {}

  async execute(scope: ReadScope, query: ConversationListQuery): Promise<Page<ConversationListItem>> {
    const { organizationId } = scope;
    const channelAccountId = scopedAccount(scope, query.channelAccountId);
    if (channelAccountId === false) return { items: [], nextCursor: null };
    let contactIds = query.contactId ? [query.contactId] : undefined;
    if (query.search) {
      const matching = await this.contacts.idsMatching(organizationId, query.search, SEARCH_CONTACTS_LIMIT);
      contactIds = contactIds ? contactIds.filter((id) => matching.includes(id)) : matching;
    }
    if (contactIds?.length === 0) return { items: [], nextCursor: null };
    const after = decodeCursor(query.cursor);
    const page = await paged(
      query.limit,
      (limit) =>
        this.conversations.page(
          organizationId,
          { status: query.status, botState: query.botState, channelAccountId, contactIds },
          { after: after && { lastMessageAt: after.at, id: after.id }, limit },
        ),
      ({ lastMessageAt, _id }) => ({ at: lastMessageAt, id: _id }),
    );
    const contacts = await this.contacts.byIds(organizationId, [
      ...new Set(page.items.map(({ contactId }) => contactId)),
    ]);
    const contactById = new Map(contacts.map((contact) => [contact._id, contact]));
    return {
      items: page.items.map((conversation) => ({
        conversation,
        contact: contactById.get(conversation.contactId) ?? null,
      })),
      nextCursor: page.nextCursor,
    };
  }
}

/**
 * The channel account a listing is limited to: the account token's own, else the filter's.
 * `false`: an account token asked for another account (nothing to show).
 */
function scopedAccount(scope: ReadScope, requested: string | undefined): string | undefined | false {
  if (!scope.channelAccountId) return requested;
  if (requested && requested !== scope.channelAccountId) return false;
  return scope.channelAccountId;
}

export interface ConversationDetails {
  conversation: Conversation;
  contact: Contact | null;
  channelAccount: ChannelAccount | null;
  agent: Agent | null;
  /** The workflow's own state, or null when it could not answer now (the stored controls still stand). */
  live: ConversationStateView | null;
}

/** The conversation of `id` in the caller's scope, or 404. */
async function requireConversation(
  conversations: ConversationRepository,
  scope: ReadScope,
  id: string,
): Promise<Conversation> {
  const conversation = await conversations.findInOrganization(scope.organizationId, id);
  if (!conversation || (scope.channelAccountId && conversation.channelAccountId !== scope.channelAccountId))
    throw notFound('Conversation');
  return conversation;
}

export class GetConversation {
  constructor(
    private readonly conversations: ConversationRepository,
    private readonly contacts: ContactRepository,
    private readonly channelAccounts: ChannelAccountRepository,
    private readonly agents: AgentRepository,
    private readonly engine: ConversationEngine,
  ) {}

  async execute(scope: ReadScope, conversationId: string): Promise<ConversationDetails> {
    const conversation = await requireConversation(this.conversations, scope, conversationId);
    const { organizationId } = conversation;
    const [contact, channelAccount, live] = await Promise.all([
      this.contacts.findInOrganization(organizationId, conversation.contactId),
      this.channelAccounts.findInOrganization(organizationId, conversation.channelAccountId),
      this.engine.readState(conversation),
    ]);
    const agent = await this.agents.forConversation(conversation, live?.assignedAgentId ?? null, () =>
      Promise.resolve(channelAccount),
    );
    return { conversation, contact, channelAccount, agent, live };
  }
}

export interface TranscriptQuery extends PageQuery {
  /** A message id of this conversation: the page starts after it (for following a live conversation). */
  after?: string | undefined;
}

export class ReadTranscript {
  constructor(
    private readonly conversations: ConversationRepository,
    private readonly messages: MessageRepository,
  ) {}

  async execute(scope: ReadScope, conversationId: string, query: TranscriptQuery): Promise<Page<Message>> {
    const conversation = await requireConversation(this.conversations, scope, conversationId);
    const { organizationId } = conversation;
    let after: TranscriptPosition | undefined;
    if (query.after !== undefined) {
      after = (await this.messages.positionOf(organizationId, conversation._id, query.after)) ?? undefined;
      if (!after) throw invalidQuery('after', 'is not a message of this conversation');
    } else {
      const cursor = decodeCursor(query.cursor);
      after = cursor && { createdAt: cursor.at, id: cursor.id };
    }
    return paged(
      query.limit,
      (limit) => this.messages.transcriptPage(organizationId, conversation._id, { after, limit }),
      ({ createdAt, _id }) => ({ at: createdAt, id: _id }),
    );
  }
}

export class ReadAiTurns {
  constructor(
    private readonly conversations: ConversationRepository,
    private readonly aiLogs: AiLogRepository,
  ) {}

  async execute(scope: ReadScope, conversationId: string, query: PageQuery): Promise<Page<AiLog>> {
    const conversation = await requireConversation(this.conversations, scope, conversationId);
    const cursor = decodeCursor(query.cursor);
    return paged(
      query.limit,
      (limit) =>
        this.aiLogs.conversationPage(conversation.organizationId, conversation._id, {
          after: cursor && { createdAt: cursor.at, id: cursor.id },
          limit,
        }),
      ({ createdAt, _id }) => ({ at: createdAt, id: _id }),
    );
  }
}
