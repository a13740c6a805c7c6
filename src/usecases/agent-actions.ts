import type { ActionInput, AgentAction, FollowupSettings } from '../domain/agent.js';
import { notFound, unprocessable } from '../domain/errors.js';
import { newId } from '../domain/ids.js';
import type { AgentActionRepository } from '../store/agent-actions.js';
import type { AgentRepository } from '../store/agents.js';
import type { CalendarRepository } from '../store/calendars.js';
import { requireAgent, type AgentRef } from './agents.js';

// The actions of an agent (offered to the model as tools). Their details are validated by type in
// the domain schema; what they point at (another agent, a calendar) is checked here, within the
// organization.

export interface AgentActionRef extends AgentRef {
  actionId: string;
}

async function requireAction(
  agents: AgentRepository,
  actions: AgentActionRepository,
  { organizationId, agentId, actionId }: AgentActionRef,
): Promise<AgentAction> {
  await requireAgent(agents, organizationId, agentId);
  const action = await actions.findForAgent(organizationId, agentId, actionId);
  if (!action) throw notFound('Action');
  return action;
}

/** What an action points at: a transfer goes to another agent of the organization, a booking uses one of its calendars. */
class ActionReferences {
  constructor(
    private readonly agents: AgentRepository,
    private readonly calendars: CalendarRepository,
  ) {}

  async assert(organizationId: string, agentId: string, input: ActionInput): Promise<void> {
    if (input.type === 'TRANSFER_BOT') {
      await this.assertOtherAgent(organizationId, agentId, 'details.transferToBot', input.details.transferToBot);
    }
    if (input.type === 'APPOINTMENT_BOOKING') {
      const calendar = await this.calendars.findInOrganization(organizationId, input.details.calendarId);
      if (!calendar) throw unprocessable('details.calendarId', 'is not a calendar of this organization');
      if (input.details.transferBot && input.details.transferAgent) {
        await this.assertOtherAgent(organizationId, agentId, 'details.transferAgent', input.details.transferAgent);
      }
    }
  }

  private async assertOtherAgent(organizationId: string, agentId: string, path: string, target: string) {
    const exists = target !== agentId && (await this.agents.exists(organizationId, target));
    if (!exists) throw unprocessable(path, 'must be another agent of this organization');
  }
}

/** The agent's actions, oldest first. */
export class ListAgentActions {
  constructor(
    private readonly agents: AgentRepository,
    private readonly actions: AgentActionRepository,
  ) {}

  async execute({ organizationId, agentId }: AgentRef): Promise<AgentAction[]> {
    await requireAgent(this.agents, organizationId, agentId);
    return this.actions.listForAgent(organizationId, agentId);
  }
}

/** One action of the agent, or 404. */
export class GetAgentAction {
  constructor(
    private readonly agents: AgentRepository,
    private readonly actions: AgentActionRepository,
  ) {}

  execute(ref: AgentActionRef): Promise<AgentAction> {
    return requireAction(this.agents, this.actions, ref);
  }
}

export class CreateAgentAction {
  private readonly references: ActionReferences;

  constructor(
    private readonly agents: AgentRepository,
    private readonly actions: AgentActionRepository,
    calendars: CalendarRepository,
  ) {
    this.references = new ActionReferences(agents, calendars);
  }

  async execute({ organizationId, agentId, input }: AgentRef & { input: ActionInput }): Promise<AgentAction> {
    await requireAgent(this.agents, organizationId, agentId);
    await this.references.assert(organizationId, agentId, input);
    const now = new Date();
    const action: AgentAction = { ...input, _id: newId(), organizationId, agentId, createdAt: now, updatedAt: now };
    await this.actions.insert(action);
    return action;
  }
}

/** Replaces the action's type, name and details (PUT semantics). */
export class UpdateAgentAction {
  private readonly references: ActionReferences;

  constructor(
    private readonly agents: AgentRepository,
    private readonly actions: AgentActionRepository,
    calendars: CalendarRepository,
  ) {
    this.references = new ActionReferences(agents, calendars);
  }

  async execute({ input, ...ref }: AgentActionRef & { input: ActionInput }): Promise<AgentAction> {
    const existing = await requireAction(this.agents, this.actions, ref);
    await this.references.assert(ref.organizationId, ref.agentId, input);
    const updated: AgentAction = { ...existing, ...input, updatedAt: new Date() };
    await this.actions.replace(updated);
    return updated;
  }
}

export class DeleteAgentAction {
  constructor(
    private readonly agents: AgentRepository,
    private readonly actions: AgentActionRepository,
  ) {}

  async execute(ref: AgentActionRef): Promise<void> {
    await requireAction(this.agents, this.actions, ref);
    await this.actions.delete(ref.organizationId, ref.agentId, ref.actionId);
  }
}

export interface UpdateFollowupSettingsCommand extends AgentRef {
  actionIds: string[];
  followupSettings: FollowupSettings;
}

/**
 * Sets the follow-up settings of ADVANCED_FOLLOWUP actions of the agent, all or none: every listed
 * id must be one. Answers the actions in the order they were listed.
 */
export class UpdateFollowupSettings {
  constructor(
    private readonly agents: AgentRepository,
    private readonly actions: AgentActionRepository,
  ) {}

  async execute({ organizationId, agentId, ...command }: UpdateFollowupSettingsCommand): Promise<AgentAction[]> {
    await requireAgent(this.agents, organizationId, agentId);
    const actionIds = [...new Set(command.actionIds)];
    const found = await this.actions.followupIdsAmong(organizationId, agentId, actionIds);
    const invalid = actionIds.filter((id) => !found.includes(id));
    if (invalid.length) {
      throw unprocessable('actionIds', `are not ADVANCED_FOLLOWUP actions of this agent: ${invalid.join(', ')}`);
    }
    const updated = await this.actions.setFollowupSettings(
      organizationId,
      agentId,
      actionIds,
      command.followupSettings,
    );
    return actionIds.map((id) => updated.find((action) => action._id === id)!);
  }
}
