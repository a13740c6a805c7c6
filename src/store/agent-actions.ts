import type { AgentAction, FollowupSettings } from '../domain/agent.js';
import { agentListingOrder } from './agents.js';
import type { ConfigurationVersions } from './configuration-versions.js';
import type { Collections } from './database.js';

/**
 * An agent's actions (`agent_actions`, the model's tools), always within one organization; every
 * change moves its configuration version.
 */
export class AgentActionRepository {
  constructor(
    private readonly collection: Collections['agentActions'],
    private readonly configuration: ConfigurationVersions,
  ) {}

  /** The agent's actions, oldest first. */
  listForAgent(organizationId: string, agentId: string): Promise<AgentAction[]> {
    return this.collection.find({ organizationId, agentId }).sort({ createdAt: 1, _id: 1 }).toArray();
  }

  findInOrganization(organizationId: string, actionId: string): Promise<AgentAction | null> {
    return this.collection.findOne({ _id: actionId, organizationId });
  }

  /** The agent's enabled follow-up for a contact who stopped replying, if it has one. */
  stoppedReplyingFollowup(organizationId: string, agentId: string): Promise<AgentAction | null> {
    return this.collection.findOne({
      organizationId,
      agentId,
      type: 'ADVANCED_FOLLOWUP',
      'details.enabled': true,
      'details.scenarioId': 'contactStoppedReplying',
    });
  }

  /** The agent's actions in the order the store keeps them (what its tools are built from). */
  allForAgent(organizationId: string, agentId: string): Promise<AgentAction[]> {
    return this.collection.find({ organizationId, agentId }).toArray();
  }

  /** The ids and types of these agents' actions, in listing order. */
  summariesOf(organizationId: string, agentIds: string[]): Promise<Pick<AgentAction, '_id' | 'type' | 'agentId'>[]> {
    return this.collection
      .find({ organizationId, agentId: { $in: agentIds } }, { projection: { _id: 1, type: 1, agentId: 1 } })
      .sort(agentListingOrder)
      .toArray();
  }

  findForAgent(organizationId: string, agentId: string, actionId: string): Promise<AgentAction | null> {
    return this.collection.findOne({ _id: actionId, organizationId, agentId });
  }

  async insert(action: AgentAction): Promise<void> {
    await this.collection.insertOne(action);
    await this.configuration.changed(action.organizationId);
  }

  async replace(action: AgentAction): Promise<void> {
    await this.collection.replaceOne(
      { _id: action._id, organizationId: action.organizationId, agentId: action.agentId },
      action,
    );
    await this.configuration.changed(action.organizationId);
  }

  async delete(organizationId: string, agentId: string, actionId: string): Promise<void> {
    await this.collection.deleteOne({ _id: actionId, organizationId, agentId });
    await this.configuration.changed(organizationId);
  }

  /** Which of these ids are ADVANCED_FOLLOWUP actions of the agent. */
  async followupIdsAmong(organizationId: string, agentId: string, actionIds: string[]): Promise<string[]> {
    const found = await this.collection
      .find(followupFilter(organizationId, agentId, actionIds), { projection: { _id: 1 } })
      .toArray();
    return found.map(({ _id }) => _id);
  }

  /** Sets the follow-up settings of these ADVANCED_FOLLOWUP actions of the agent; the actions after the change. */
  async setFollowupSettings(
    organizationId: string,
    agentId: string,
    actionIds: string[],
    followupSettings: FollowupSettings,
  ): Promise<AgentAction[]> {
    const filter = followupFilter(organizationId, agentId, actionIds);
    await this.collection.updateMany(filter, {
      $set: { 'details.followupSettings': followupSettings, updatedAt: new Date() },
    });
    await this.configuration.changed(organizationId);
    return this.collection.find(filter).toArray();
  }

  /**
   * Transfers to the agent are switched off (kept, so the configuration stays visible for fixing):
   * TRANSFER_BOT actions disabled, APPOINTMENT_BOOKING actions no longer hand over to it.
   */
  async stopTransfersTo(organizationId: string, agentId: string, now: Date): Promise<void> {
    await Promise.all([
      this.collection.updateMany(
        { organizationId, type: 'TRANSFER_BOT', 'details.transferToBot': agentId },
        { $set: { 'details.enabled': false, updatedAt: now } },
      ),
      this.collection.updateMany(
        { organizationId, type: 'APPOINTMENT_BOOKING', 'details.transferAgent': agentId },
        { $set: { 'details.transferBot': false, updatedAt: now }, $unset: { 'details.transferAgent': '' } },
      ),
    ]);
    await this.configuration.changed(organizationId);
  }

  async deleteForAgent(organizationId: string, agentId: string): Promise<void> {
    await this.collection.deleteMany({ organizationId, agentId });
    await this.configuration.changed(organizationId);
  }

  /** Ids of up to `limit` APPOINTMENT_BOOKING actions that book into the calendar. */
  async bookingIdsUsingCalendar(organizationId: string, calendarId: string, limit: number): Promise<string[]> {
    const users = await this.collection
      .find(
        { organizationId, type: 'APPOINTMENT_BOOKING', 'details.calendarId': calendarId },
        { projection: { _id: 1 } },
      )
      .limit(limit)
      .toArray();
    return users.map(({ _id }) => _id);
  }
}

const followupFilter = (organizationId: string, agentId: string, actionIds: string[]) => ({
  organizationId,
  agentId,
  type: 'ADVANCED_FOLLOWUP' as const,
  _id: { $in: actionIds },
});
