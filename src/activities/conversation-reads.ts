import type { ChannelTarget } from '../channels/channel.js';
import type { ChannelAccount, Conversation, ConversationRoute } from '../domain/model.js';
import type { KnownSubscriptions } from '../engine/event-publisher.js';
import type { OrganizationForTurn } from '../store/organizations.js';
import { RecentReads } from '../store/recent-reads.js';
import type { Repositories } from '../store/repositories.js';
import type { ConversationKey } from '../workflows/contracts.js';
import { requireConversation } from './conversation-lookup.js';
import { keptConfiguration, type OrganizationConfiguration } from './kept-configuration.js';

/**
 * What an activity reads about its conversation, each read at most once per activity execution:
 * the steps that ride along in one activity (agent lookup, generation, typing; see turn-steps.ts)
 * share them instead of each asking the store again. The organization's configuration is read
 * through the worker's kept copy (kept-configuration.ts), at the version this activity read.
 */
export interface ConversationReads {
  /** Where the conversation's messages go: from the worker's routes, read from the store once per process. */
  route: () => Promise<ConversationRoute>;
  /** Its organization's configuration version and token budget, read first: what the configuration holds at. */
  organization: () => Promise<OrganizationForTurn | null>;
  /** The version the configuration is read at (null: no organization, nothing kept). */
  configurationVersion: () => Promise<string | null>;
  configuration: () => Promise<OrganizationConfiguration>;
  account: () => Promise<ChannelAccount | null>;
  /** Whom the organization's events go to, for the activity's publisher (from the configuration). */
  subscriptions: KnownSubscriptions;
  /** What a channel reads only if it uses it (the hook's recipient, WhatsApp's window). */
  contact: ChannelTarget['contact'];
  lastInbound: ChannelTarget['lastInbound'];
}

/**
 * Routes kept per worker process. A route never changes, so a kept one is never stale and nothing
 * has to forget it; the bound only caps memory (about 200 bytes each), least recently used first.
 */
const ROUTES_KEPT = 10_000;

function once<T>(load: () => Promise<T>): () => Promise<T> {
  let loaded: Promise<T> | undefined;
  return () => (loaded ??= load());
}

const routeOf = ({ _id, organizationId, channelAccountId, contactId, chatId, chatType }: Conversation) => ({
  _id,
  organizationId,
  channelAccountId,
  contactId,
  chatId,
  chatType,
});

/** Builds the reads of one activity execution; the routes and configuration outlive it (one set per worker). */
export function conversationReadsOf(
  store: Pick<
    Repositories,
    | 'conversations'
    | 'organizations'
    | 'contacts'
    | 'messages'
    | 'channelAccounts'
    | 'agents'
    | 'agentActions'
    | 'aiSettings'
    | 'webhookSubscriptions'
  >,
  configurationAt = keptConfiguration(store),
) {
  const { conversations, organizations, messages } = store;
  const routes = new RecentReads<ConversationRoute>({ ttlMs: Number.POSITIVE_INFINITY, maxEntries: ROUTES_KEPT });
  /** `knownVersion`: a configuration version read a moment ago (a send right after its generation). */
  return (key: ConversationKey, knownVersion?: string): ConversationReads => {
    const { organizationId, conversationId } = key;
    const route = once(async () => {
      const kept = await routes.read(`${organizationId}/${conversationId}`, async () =>
        routeOf(await requireConversation(conversations, key)),
      );
      // Never null: a missing conversation throws (a final failure) instead of answering null.
      return kept!;
    });
    const organization = once(() => organizations.forTurn(organizationId));
    const configurationVersion = once(async () => {
      if (knownVersion !== undefined) return knownVersion;
      const found = await organization();
      // Absent until its first change; a missing organization keeps nothing.
      return found ? (found.configurationVersion ?? 'first') : null;
    });
    const configuration = once(async () => configurationAt(organizationId, await configurationVersion()));
    const account = once(async () => {
      const [kept, { channelAccountId }] = await Promise.all([configuration(), route()]);
      return kept.account(channelAccountId);
    });
    const contact = once(async () => {
      const [kept, { contactId }] = await Promise.all([configuration(), route()]);
      return kept.contact(contactId);
    });
    const lastInbound = once(async () => {
      const message = await messages.lastInbound(conversationId);
      return message ? { channelMessageId: message.channelMessageId, receivedAt: message.createdAt } : null;
    });
    const subscriptions = async () => (await configuration()).subscriptions();
    return {
      route,
      organization,
      configurationVersion,
      configuration,
      account,
      subscriptions,
      contact,
      lastInbound,
    };
  };
}
