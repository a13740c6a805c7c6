import type { ActionInput, AgentAction, FollowupSettings } from '../domain/agent.js';
import { notFound, unprocessable } from '../domain/errors.js';
import { newId } from '../domain/ids.js';
import type { Collections } from '../store/database.js';
import type { Agents } from './agents.js';

/**
 * The actions of an agent (offered to the model as tools). Their details are validated by type in
 * the domain schema; what they point at (another agent, a calendar) is checked here, within the
 * organization.
 */
export class AgentActions {
  constructor(
    private readonly collections: Pick<Collections, 'agents' | 'agentActions' | 'calendars'>,
    private readonly agents: Agents,
  ) {}

  async list(organizationId: string, agentId: string): Promise<AgentAction[]> {
    await this.agents.find(organizationId, agentId);
    return this.collections.agentActions.find({ organizationId, agentId }).sort({ createdAt: 1, _id: 1 }).toArray();
  }

  async get(organizationId: string, agentId: string, actionId: string): Promise<AgentAction> {
    await this.agents.find(organizationId, agentId);
    const action = await this.collections.agentActions.findOne({ _id: actionId, organizationId, agentId });
    if (!action) throw notFound('Action');
    return action;
  }

  async create(organizationId: string, agentId: string, input: ActionInput): Promise<AgentAction> {
    await this.agents.find(organizationId, agentId);
    await this.assertReferences(organizationId, agentId, input);
    const now = new Date();
    const action: AgentAction = { ...input, _id: newId(), organizationId, agentId, createdAt: now, updatedAt: now };
    await this.collections.agentActions.insertOne(action);
    return action;
  }

  /** Replaces the action's type, name and details (PUT semantics). */
  async update(organizationId: string, agentId: string, actionId: string, input: ActionInput): Promise<AgentAction> {
    const existing = await this.get(organizationId, agentId, actionId);
    await this.assertReferences(organizationId, agentId, input);
    const updated: AgentAction = { ...existing, ...input, updatedAt: new Date() };
    await this.collections.agentActions.replaceOne({ _id: actionId, organizationId, agentId }, updated);
    return updated;
  }

  async delete(organizationId: string, agentId: string, actionId: string): Promise<void> {
    await this.get(organizationId, agentId, actionId);
    await this.collections.agentActions.deleteOne({ _id: actionId, organizationId, agentId });
  }

  /**
   * Sets the follow-up settings of ADVANCED_FOLLOWUP actions of the agent, all or none: every listed
   * id must be one. Answers the actions in the order they were listed.
   */
  async updateFollowupSettings(
    organizationId: string,
    agentId: string,
    command: { actionIds: string[]; followupSettings: FollowupSettings },
  ): Promise<AgentAction[]> {
    await this.agents.find(organizationId, agentId);
    const actionIds = [...new Set(command.actionIds)];
    const filter = { organizationId, agentId, type: 'ADVANCED_FOLLOWUP' as const, _id: { $in: actionIds } };
    const found = await this.collections.agentActions.find(filter, { projection: { _id: 1 } }).toArray();
    const invalid = actionIds.filter((id) => !found.some((action) => action._id === id));
    if (invalid.length) {
      throw unprocessable('actionIds', `are not ADVANCED_FOLLOWUP actions of this agent: ${invalid.join(', ')}`);
    }
    await this.collections.agentActions.updateMany(filter, {
      $set: { 'details.followupSettings': command.followupSettings, updatedAt: new Date() },
    });
    const updated = await this.collections.agentActions.find(filter).toArray();
    return actionIds.map((id) => updated.find((action) => action._id === id)!);
  }

  /** A transfer goes to another agent of the organization; a booking uses one of its calendars. */
  private async assertReferences(organizationId: string, agentId: string, input: ActionInput): Promise<void> {
    if (input.type === 'TRANSFER_BOT') {
      await this.assertOtherAgent(organizationId, agentId, 'details.transferToBot', input.details.transferToBot);
    }
    if (input.type === 'APPOINTMENT_BOOKING') {
      const calendar = await this.collections.calendars.findOne({ _id: input.details.calendarId, organizationId });
      if (!calendar) throw unprocessable('details.calendarId', 'is not a calendar of this organization');
      if (input.details.transferBot && input.details.transferAgent) {
        await this.assertOtherAgent(organizationId, agentId, 'details.transferAgent', input.details.transferAgent);
      }
    }
  }

  private async assertOtherAgent(organizationId: string, agentId: string, path: string, target: string) {
    const exists =
      target !== agentId && (await this.collections.agents.countDocuments({ _id: target, organizationId })) > 0;
    if (!exists) throw unprocessable(path, 'must be another agent of this organization');
  }
}
