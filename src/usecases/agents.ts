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
import type { AgentActionRepository } from '../store/agent-actions.js';
import type { AgentRepository } from '../store/agents.js';
import type { AuditLog } from '../store/audit-log.js';
import type { ConversationRepository } from '../store/conversations.js';
import type { KnowledgeBaseRepository } from '../store/knowledge-bases.js';

// Seed 004's agents of an organization. An agent answers the conversations of its channels when it
// is primary; at most one primary agent serves each channel, and the first agent of an
// organization is primary unless told otherwise.

/** An agent as the API shows it: with the ids and types of its actions. */
export type AgentWithActions = Agent & { actions: Pick<AgentAction, '_id' | 'type'>[] };

export interface AgentRef {
  organizationId: string;
  agentId: string;
}

/** The organization's agent, or 404: another organization's id is indistinguishable from none. */
export async function requireAgent(agents: AgentRepository, organizationId: string, agentId: string): Promise<Agent> {
  const agent = await agents.findInOrganization(organizationId, agentId);
  if (!agent) throw notFound('Agent');
  return agent;
}

async function withActions(actions: AgentActionRepository, agents: Agent[]): Promise<AgentWithActions[]> {
  if (!agents.length) return [];
  const summaries = await actions.summariesOf(
    agents[0]!.organizationId,
    agents.map((agent) => agent._id),
  );
  return agents.map((agent) => ({
    ...agent,
    actions: summaries.filter((action) => action.agentId === agent._id).map(({ _id, type }) => ({ _id, type })),
  }));
}

/** Knowledge bases exist in the organization; a primary agent shares none of its channels with another one. */
async function assertConsistent(agents: AgentRepository, knowledgeBases: KnowledgeBaseRepository, agent: Agent) {
  const { organizationId } = agent;
  const knowledgeBaseIds = [...new Set(agent.knowledgeBaseIds)];
  if (knowledgeBaseIds.length) {
    const found = await knowledgeBases.existingIds(organizationId, knowledgeBaseIds);
    const missing = knowledgeBaseIds.filter((id) => !found.includes(id));
    if (missing.length)
      throw unprocessable('knowledgeBaseIds', `contains unknown knowledge bases: ${missing.join(', ')}`);
  }
  if (agent.isPrimary && agent.channels.length) {
    const rival = await agents.otherPrimaryFor(organizationId, agent.channels, agent._id);
    if (rival) {
      const shared = agent.channels.filter((channel) => rival.channels.includes(channel));
      throw unprocessable(
        'isPrimary',
        `conflicts with agent "${rival.name}" (${rival._id}), already the primary agent for ${shared.join(', ')}`,
      );
    }
  }
}

function recordChange(
  auditLog: AuditLog,
  { organizationId, actor }: { organizationId: string; actor: AuditActor },
  action: string,
  agentId: string,
  before: Agent | null,
  after: Agent | null,
) {
  return auditLog.record({ organizationId, actor, action, target: { type: 'agent', id: agentId }, before, after });
}

/** One agent with its actions. */
export class GetAgent {
  constructor(
    private readonly agents: AgentRepository,
    private readonly actions: AgentActionRepository,
  ) {}

  async execute({ organizationId, agentId }: AgentRef): Promise<AgentWithActions> {
    const [agent] = await withActions(this.actions, [await requireAgent(this.agents, organizationId, agentId)]);
    return agent!;
  }
}

export interface CreateAgentCommand {
  organizationId: string;
  input: CreateAgentInput;
  actor: AuditActor;
}

/** A new agent: primary when asked, or when it is the organization's first. */
export class CreateAgent {
  constructor(
    private readonly agents: AgentRepository,
    private readonly knowledgeBases: KnowledgeBaseRepository,
    private readonly auditLog: AuditLog,
  ) {}

  async execute(command: CreateAgentCommand): Promise<AgentWithActions> {
    const { organizationId, input } = command;
    const isFirst = !(await this.agents.anyInOrganization(organizationId));
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
    await assertConsistent(this.agents, this.knowledgeBases, agent);
    await this.agents.insert(agent);
    await recordChange(this.auditLog, command, 'agent.created', agent._id, null, agent);
    return { ...agent, actions: [] };
  }
}

export interface UpdateAgentCommand extends AgentRef {
  input: UpdateAgentInput;
  actor: AuditActor;
}

/** Applies the fields sent; the bounds are checked on the agent they produce, not on the change alone. */
export class UpdateAgent {
  constructor(
    private readonly agents: AgentRepository,
    private readonly knowledgeBases: KnowledgeBaseRepository,
    private readonly auditLog: AuditLog,
    private readonly getAgent: GetAgent,
  ) {}

  async execute(command: UpdateAgentCommand): Promise<AgentWithActions> {
    const { organizationId, agentId, input } = command;
    const existing = await requireAgent(this.agents, organizationId, agentId);
    if (input.isPrimary && input.mode === undefined) throw unprocessable('mode', 'is required when isPrimary is true');
    const updated: Agent = { ...existing, ...input, updatedAt: new Date() };
    const [issue] = agentBoundIssues(updated);
    if (issue) throw unprocessable(issue.path, issue.message);
    await assertConsistent(this.agents, this.knowledgeBases, updated);
    await this.agents.replace(updated);
    await recordChange(this.auditLog, command, 'agent.updated', agentId, existing, updated);
    return this.getAgent.execute({ organizationId, agentId });
  }
}

export interface SearchAgentsCommand {
  organizationId: string;
  /** The id of the last agent of the previous page; empty or absent for the first page. */
  startAfter?: string | undefined;
  limit: number;
  /** A lowercase substring of the name. */
  query?: string | undefined;
}

/** A page of the organization's agents (oldest first) and how many it has in all. */
export class SearchAgents {
  constructor(
    private readonly agents: AgentRepository,
    private readonly actions: AgentActionRepository,
  ) {}

  async execute({ organizationId, startAfter, limit, query }: SearchAgentsCommand) {
    let after: Agent | undefined;
    if (startAfter) {
      const cursor = await this.agents.findInOrganization(organizationId, startAfter);
      if (!cursor) {
        const message = 'is not an agent of this organization';
        throw badRequest(`startAfter ${message}`, [{ in: 'query parameters', path: 'startAfter', message }]);
      }
      after = cursor;
    }
    const [page, totalCount] = await Promise.all([
      this.agents.page(organizationId, { nameContains: query, after, limit }),
      this.agents.count(organizationId),
    ]);
    return { agents: await withActions(this.actions, page), totalCount };
  }
}

/**
 * Removes the agent and its actions and lets go of every reference to it: conversations it was
 * transferred to go back to their channel's primary agent, and transfers to it are switched off
 * (kept, so the configuration stays visible for fixing). The agent itself goes last, so a retried
 * delete finishes what a failed one started.
 */
export class DeleteAgent {
  constructor(
    private readonly agents: AgentRepository,
    private readonly actions: AgentActionRepository,
    private readonly conversations: ConversationRepository,
    private readonly auditLog: AuditLog,
  ) {}

  async execute(command: AgentRef & { actor: AuditActor }): Promise<void> {
    const { organizationId, agentId } = command;
    const existing = await requireAgent(this.agents, organizationId, agentId);
    await Promise.all([
      this.conversations.unassignAgent(organizationId, agentId),
      this.actions.stopTransfersTo(organizationId, agentId, new Date()),
    ]);
    await this.actions.deleteForAgent(organizationId, agentId);
    await this.agents.delete(organizationId, agentId);
    await recordChange(this.auditLog, command, 'agent.deleted', agentId, existing, null);
  }
}
