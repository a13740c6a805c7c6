import { agentChannelsOf, type Agent, type AgentChannel } from '../domain/agent.js';
import type { ChannelAccount, Conversation } from '../domain/model.js';
import type { ConfigurationVersions } from './configuration-versions.js';
import type { Collections } from './database.js';

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Listing order: oldest first, ties broken by id, so a `startAfter` cursor always resumes where the page ended. */
export const agentListingOrder = { createdAt: 1, _id: 1 } as const;

/** How an agent is found: by id, or as the primary agent of a channel (a worker's kept configuration finds them too). */
export interface AgentFinder {
  findInOrganization(organizationId: string, agentId: string): Promise<Agent | null>;
  primaryFor(organizationId: string, channels: AgentChannel[]): Promise<Agent | null>;
}

/** Agents (`agents`), always within one organization; every change moves its configuration version. */
export class AgentRepository implements AgentFinder {
  constructor(
    private readonly collection: Collections['agents'],
    private readonly configuration: ConfigurationVersions,
  ) {}

  findInOrganization(organizationId: string, agentId: string): Promise<Agent | null> {
    return this.collection.findOne({ _id: agentId, organizationId });
  }

  /**
   * The conversation's agent: the one it was transferred to (the workflow's word, else MongoDB's
   * copy), else the primary agent of its channel. A deleted agent falls back to the primary one.
   */
  async forConversation(
    conversation: Pick<Conversation, 'organizationId' | 'channelAccountId' | 'agentId'>,
    assignedAgentId: string | null,
    /** The conversation's channel account (read only when no agent is assigned). */
    accountOf: () => Promise<Pick<ChannelAccount, 'type'> | null>,
    find: AgentFinder = this,
  ): Promise<Agent | null> {
    const { organizationId } = conversation;
    const assignedId = assignedAgentId ?? conversation.agentId;
    if (assignedId) {
      const assigned = await find.findInOrganization(organizationId, assignedId);
      if (assigned) return assigned;
    }
    const account = await accountOf();
    const channels = account ? agentChannelsOf[account.type] : [];
    if (channels.length === 0) return null;
    return find.primaryFor(organizationId, channels);
  }

  /** The organization's primary agent on one of these channels. */
  primaryFor(organizationId: string, channels: AgentChannel[]): Promise<Agent | null> {
    return this.collection.findOne({ organizationId, isPrimary: true, channels: { $in: channels } });
  }

  async exists(organizationId: string, agentId: string): Promise<boolean> {
    return (await this.collection.countDocuments({ _id: agentId, organizationId })) > 0;
  }

  /** Whether the organization has an agent at all (its first one is primary unless told otherwise). */
  async anyInOrganization(organizationId: string): Promise<boolean> {
    return (await this.collection.countDocuments({ organizationId }, { limit: 1 })) > 0;
  }

  count(organizationId: string): Promise<number> {
    return this.collection.countDocuments({ organizationId });
  }

  /**
   * One page in listing order of the agents after `after` whose name contains `nameContains` (any
   * letter case).
   */
  page(
    organizationId: string,
    options: { nameContains?: string | undefined; after?: Agent | undefined; limit: number },
  ): Promise<Agent[]> {
    const filter: Record<string, unknown> = { organizationId };
    if (options.nameContains) filter.name = { $regex: escapeRegExp(options.nameContains), $options: 'i' };
    if (options.after) {
      const { createdAt, _id } = options.after;
      filter.$or = [{ createdAt: { $gt: createdAt } }, { createdAt, _id: { $gt: _id } }];
    }
    return this.collection.find(filter).sort(agentListingOrder).limit(options.limit).toArray();
  }

  /** Another primary agent of the organization serving one of these channels, if any. */
  otherPrimaryFor(organizationId: string, channels: AgentChannel[], exceptAgentId: string): Promise<Agent | null> {
    return this.collection.findOne({
      organizationId,
      isPrimary: true,
      channels: { $in: channels },
      _id: { $ne: exceptAgentId },
    });
  }

  async insert(agent: Agent): Promise<void> {
    await this.collection.insertOne(agent);
    await this.configuration.changed(agent.organizationId);
  }

  async replace(agent: Agent): Promise<void> {
    await this.collection.replaceOne({ _id: agent._id, organizationId: agent.organizationId }, agent);
    await this.configuration.changed(agent.organizationId);
  }

  async delete(organizationId: string, agentId: string): Promise<void> {
    await this.collection.deleteOne({ _id: agentId, organizationId });
    await this.configuration.changed(organizationId);
  }

  /** The organization's agents stop using a knowledge base. */
  async stopUsingKnowledgeBase(organizationId: string, knowledgeBaseId: string): Promise<void> {
    await this.collection.updateMany(
      { organizationId, knowledgeBaseIds: knowledgeBaseId },
      { $pull: { knowledgeBaseIds: knowledgeBaseId } },
    );
    await this.configuration.changed(organizationId);
  }
}
