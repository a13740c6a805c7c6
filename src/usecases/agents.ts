import {
  agentBoundIssues,
  agentDefaults,
  type Agent,
  type AgentAction,
  type CreateAgentInput,
  type UpdateAgentInput,
} from '../domain/agent.js';
import { badRequest, notFound, unprocessable } from '../domain/errors.js';
import { newId } from '../domain/ids.js';
import type { AuditActor } from '../domain/audit.js';
import { AuditLog } from '../store/audit-log.js';
import type { Collections } from '../store/database.js';

/** An agent as the API shows it: with the ids and types of its actions. */
export type AgentWithActions = Agent & { actions: Pick<AgentAction, '_id' | 'type'>[] };

export interface AgentSearch {
  /** The id of the last agent of the previous page; empty or absent for the first page. */
  startAfter?: string | undefined;
  limit: number;
  /** A lowercase substring of the name. */
  query?: string | undefined;
}

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Listing order: oldest first, ties broken by id, so a `startAfter` cursor always resumes where the page ended. */
const listingOrder = { createdAt: 1, _id: 1 } as const;

/**
 * Seed 004's agents of an organization. An agent answers the conversations of its channels when it
 * is primary; at most one primary agent serves each channel, and the first agent of an
 * organization is primary unless told otherwise.
 */
export class Agents {
  private readonly auditLog: AuditLog;

  constructor(
    private readonly collections: Pick<
      Collections,
      'agents' | 'agentActions' | 'knowledgeBases' | 'conversations' | 'auditLog'
    >,
  ) {
    this.auditLog = new AuditLog(collections.auditLog);
  }

  /** The organization's agent, or 404: another organization's id is indistinguishable from none. */
  async find(organizationId: string, agentId: string): Promise<Agent> {
    const agent = await this.collections.agents.findOne({ _id: agentId, organizationId });
    if (!agent) throw notFound('Agent');
    return agent;
  }

  async get(organizationId: string, agentId: string): Promise<AgentWithActions> {
    const [agent] = await this.withActions([await this.find(organizationId, agentId)]);
    return agent!;
  }

  async create(organizationId: string, input: CreateAgentInput, actor: AuditActor): Promise<AgentWithActions> {
    const isFirst = (await this.collections.agents.countDocuments({ organizationId }, { limit: 1 })) === 0;
    const now = new Date();
    const agent: Agent = {
      ...agentDefaults,
      ...input,
      isPrimary: input.isPrimary ?? isFirst,
      _id: newId(),
      organizationId,
      createdAt: now,
      updatedAt: now,
    };
    await this.assertConsistent(agent);
    await this.collections.agents.insertOne(agent);
    await this.audit(organizationId, actor, 'agent.created', agent._id, null, agent);
    return { ...agent, actions: [] };
  }

  /** Applies the fields sent; the bounds are checked on the agent they produce, not on the change alone. */
  async update(
    organizationId: string,
    agentId: string,
    input: UpdateAgentInput,
    actor: AuditActor,
  ): Promise<AgentWithActions> {
    const existing = await this.find(organizationId, agentId);
    if (input.isPrimary && input.mode === undefined) throw unprocessable('mode', 'is required when isPrimary is true');
    const updated: Agent = { ...existing, ...input, updatedAt: new Date() };
    const [issue] = agentBoundIssues(updated);
    if (issue) throw unprocessable(issue.path, issue.message);
    await this.assertConsistent(updated);
    await this.collections.agents.replaceOne({ _id: agentId, organizationId }, updated);
    await this.audit(organizationId, actor, 'agent.updated', agentId, existing, updated);
    return this.get(organizationId, agentId);
  }

  async search(organizationId: string, search: AgentSearch) {
    const filter: Record<string, unknown> = { organizationId };
    if (search.query) filter.name = { $regex: escapeRegExp(search.query), $options: 'i' };
    if (search.startAfter) {
      const cursor = await this.collections.agents.findOne({ _id: search.startAfter, organizationId });
      if (!cursor) {
        const message = 'is not an agent of this organization';
        throw badRequest(`startAfter ${message}`, [{ in: 'query parameters', path: 'startAfter', message }]);
      }
      filter.$or = [
        { createdAt: { $gt: cursor.createdAt } },
        { createdAt: cursor.createdAt, _id: { $gt: cursor._id } },
      ];
    }
    const [page, totalCount] = await Promise.all([
      this.collections.agents.find(filter).sort(listingOrder).limit(search.limit).toArray(),
      this.collections.agents.countDocuments({ organizationId }),
    ]);
    return { agents: await this.withActions(page), totalCount };
  }

  /**
   * Removes the agent and its actions and lets go of every reference to it: conversations it was
   * transferred to go back to their channel's primary agent, and transfers to it are switched off
   * (kept, so the configuration stays visible for fixing). The agent itself goes last, so a retried
   * delete finishes what a failed one started.
   */
  async delete(organizationId: string, agentId: string, actor: AuditActor): Promise<void> {
    const existing = await this.find(organizationId, agentId);
    const { agentActions, conversations, agents } = this.collections;
    const now = new Date();
    await Promise.all([
      conversations.updateMany({ organizationId, agentId }, { $set: { agentId: null } }),
      agentActions.updateMany(
        { organizationId, type: 'TRANSFER_BOT', 'details.transferToBot': agentId },
        { $set: { 'details.enabled': false, updatedAt: now } },
      ),
      agentActions.updateMany(
        { organizationId, type: 'APPOINTMENT_BOOKING', 'details.transferAgent': agentId },
        { $set: { 'details.transferBot': false, updatedAt: now }, $unset: { 'details.transferAgent': '' } },
      ),
    ]);
    await agentActions.deleteMany({ organizationId, agentId });
    await agents.deleteOne({ _id: agentId, organizationId });
    await this.audit(organizationId, actor, 'agent.deleted', agentId, existing, null);
  }

  private audit(
    organizationId: string,
    actor: AuditActor,
    action: string,
    agentId: string,
    before: Agent | null,
    after: Agent | null,
  ) {
    return this.auditLog.record({
      organizationId,
      actor,
      action,
      target: { type: 'agent', id: agentId },
      before,
      after,
    });
  }

  /** Knowledge bases exist in the organization; a primary agent shares none of its channels with another one. */
  private async assertConsistent(agent: Agent): Promise<void> {
    const { organizationId } = agent;
    const knowledgeBaseIds = [...new Set(agent.knowledgeBaseIds)];
    if (knowledgeBaseIds.length) {
      const found = await this.collections.knowledgeBases
        .find({ organizationId, _id: { $in: knowledgeBaseIds } }, { projection: { _id: 1 } })
        .toArray();
      const missing = knowledgeBaseIds.filter((id) => !found.some((kb) => kb._id === id));
      if (missing.length)
        throw unprocessable('knowledgeBaseIds', `contains unknown knowledge bases: ${missing.join(', ')}`);
    }
    if (agent.isPrimary && agent.channels.length) {
      const rival = await this.collections.agents.findOne({
        organizationId,
        isPrimary: true,
        channels: { $in: agent.channels },
        _id: { $ne: agent._id },
      });
      if (rival) {
        const shared = agent.channels.filter((channel) => rival.channels.includes(channel));
        throw unprocessable(
          'isPrimary',
          `conflicts with agent "${rival.name}" (${rival._id}), already the primary agent for ${shared.join(', ')}`,
        );
      }
    }
  }

  private async withActions(agents: Agent[]): Promise<AgentWithActions[]> {
    if (!agents.length) return [];
    const actions = await this.collections.agentActions
      .find(
        { organizationId: agents[0]!.organizationId, agentId: { $in: agents.map((agent) => agent._id) } },
        { projection: { _id: 1, type: 1, agentId: 1 } },
      )
      .sort(listingOrder)
      .toArray();
    return agents.map((agent) => ({
      ...agent,
      actions: actions.filter((action) => action.agentId === agent._id).map(({ _id, type }) => ({ _id, type })),
    }));
  }
}
