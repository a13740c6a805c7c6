import type { AgentAction, AgentChannel } from '../domain/agent.js';
import type { ChannelAccount, Contact } from '../domain/model.js';
import type { ResolvedAiConfig } from '../store/ai-settings.js';
import type { AgentFinder } from '../store/agents.js';
import { RecentReads, type OrganizationSubscriptions } from '../store/recent-reads.js';
import type { Repositories } from '../store/repositories.js';

/**
 * An organization's configuration as a reply turn reads it: its channel accounts, agents and their
 * actions, AI settings, webhook subscriptions, its contacts and the agents its conversations were
 * transferred to (what people and agent actions change, never a message).
 */
export interface OrganizationConfiguration extends AgentFinder {
  account(accountId: string): Promise<ChannelAccount | null>;
  contact(contactId: string): Promise<Contact | null>;
  /** The agent a conversation was transferred to (null: none). */
  assignedAgent(conversationId: string): Promise<string | null>;
  /** The configuration in force for a chat (chat → account → global → environment). */
  aiConfig(channelAccountId: string, chatId: string): Promise<ResolvedAiConfig>;
  agentActions(agentId: string): Promise<AgentAction[]>;
  stoppedReplyingFollowup(agentId: string): Promise<AgentAction | null>;
  subscriptions(): Promise<OrganizationSubscriptions>;
}

/**
 * How long a worker keeps a read of a configuration at most, even while its version holds: the
 * bound on how stale it can be after a change that did not move the version (written outside the
 * service, by a process that died between the write and the move, or by an older release; see
 * docs/operations.md). Long enough to outlast a conversation's pause between two messages.
 */
export const CONFIGURATION_KEPT_MS = 5 * 60_000;
/** Reads kept per worker (about 1 KB each), least recently used first. */
const CONFIGURATION_READS_KEPT = 10_000;

/**
 * What a worker keeps of organizations' configuration: each read is kept under the organization's
 * configuration version it was read at, so a turn that finds the version unchanged reads nothing
 * again, and one that finds it moved reads everything afresh (the old version's reads are never
 * asked for again and age out). One per worker process.
 */
export function keptConfiguration(
  store: Pick<
    Repositories,
    'channelAccounts' | 'contacts' | 'conversations' | 'agents' | 'agentActions' | 'aiSettings' | 'webhookSubscriptions'
  >,
  settings = { ttlMs: CONFIGURATION_KEPT_MS, maxEntries: CONFIGURATION_READS_KEPT },
) {
  // Wrapped: what was not found (no primary agent, no follow-up) is kept too.
  const kept = new RecentReads<{ read: unknown }>(settings);

  /**
   * The organization's configuration at `version` (read from the organization just before);
   * null: nothing is kept (an organization without a document).
   */
  return (organizationId: string, version: string | null): OrganizationConfiguration => {
    async function keep<T>(key: string, load: () => Promise<T>): Promise<T> {
      if (version === null) return load();
      const entry = await kept.read(`${organizationId}/${version}/${key}`, async () => {
        const read = await load();
        return { read: read !== null && typeof read === 'object' ? Object.freeze(read) : read };
      });
      return entry!.read as T;
    }
    const { channelAccounts, contacts, conversations, agents, agentActions, aiSettings, webhookSubscriptions } = store;
    // Every read is of this organization: the finder's own organization argument is the same one.
    return {
      account: (accountId) =>
        keep(`account/${accountId}`, () => channelAccounts.findInOrganization(organizationId, accountId)),
      contact: (contactId) =>
        keep(`contact/${contactId}`, () => contacts.findInOrganization(organizationId, contactId)),
      assignedAgent: (conversationId) =>
        keep(`assigned-agent/${conversationId}`, () => conversations.assignedAgentOf(organizationId, conversationId)),
      findInOrganization: (_organizationId, agentId) =>
        keep(`agent/${agentId}`, () => agents.findInOrganization(organizationId, agentId)),
      primaryFor: (_organizationId, channels: AgentChannel[]) =>
        keep(`primary-agent/${channels.join(',')}`, () => agents.primaryFor(organizationId, channels)),
      // The account's layers are kept once for all its chats; each chat's own layer apart.
      aiConfig: async (channelAccountId, chatId) => {
        const [layers, chat] = await Promise.all([
          keep(`ai/${channelAccountId}`, () => aiSettings.layers(organizationId, channelAccountId)),
          keep(`chat-ai/${channelAccountId}/${chatId}`, () =>
            aiSettings.findChat(organizationId, channelAccountId, chatId),
          ),
        ]);
        return aiSettings.resolveWith(layers, chat);
      },
      agentActions: (agentId) => keep(`actions/${agentId}`, () => agentActions.allForAgent(organizationId, agentId)),
      stoppedReplyingFollowup: (agentId) =>
        keep(`stopped-replying/${agentId}`, () => agentActions.stoppedReplyingFollowup(organizationId, agentId)),
      subscriptions: () => keep('subscriptions', () => webhookSubscriptions.ofOrganization(organizationId)),
    };
  };
}
