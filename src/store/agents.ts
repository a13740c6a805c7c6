import { agentChannelsOf, type Agent } from '../domain/agent.js';
import type { Conversation } from '../domain/model.js';
import type { Collections } from './database.js';

/**
 * The conversation's agent: the one it was transferred to (the workflow's word, else MongoDB's
 * copy), else the primary agent of its channel. A deleted agent falls back to the primary one.
 */
export async function findConversationAgent(
  collections: Pick<Collections, 'agents' | 'channelAccounts'>,
  conversation: Pick<Conversation, 'organizationId' | 'channelAccountId' | 'agentId'>,
  assignedAgentId: string | null,
): Promise<Agent | null> {
  const { organizationId } = conversation;
  const assignedId = assignedAgentId ?? conversation.agentId;
  if (assignedId) {
    const assigned = await collections.agents.findOne({ _id: assignedId, organizationId });
    if (assigned) return assigned;
  }
  const account = await collections.channelAccounts.findOne({ _id: conversation.channelAccountId, organizationId });
  const channels = account ? agentChannelsOf[account.type] : [];
  if (channels.length === 0) return null;
  return collections.agents.findOne({ organizationId, isPrimary: true, channels: { $in: channels } });
}

/** Agents (`agents`), always within one organization. */
export class AgentRepository {
  constructor(private readonly collection: Collections['agents']) {}

  findInOrganization(organizationId: string, agentId: string): Promise<Agent | null> {
    return this.collection.findOne({ _id: agentId, organizationId });
  }

  /** The organization's agents stop using a knowledge base. */
  async stopUsingKnowledgeBase(organizationId: string, knowledgeBaseId: string): Promise<void> {
    await this.collection.updateMany(
      { organizationId, knowledgeBaseIds: knowledgeBaseId },
      { $pull: { knowledgeBaseIds: knowledgeBaseId } },
    );
  }
}
