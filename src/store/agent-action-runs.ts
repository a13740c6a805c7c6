import type { AgentActionRuns } from '../domain/model.js';
import type { Collections } from './database.js';

/** The agent action runs of each conversation per UTC day (`agent_action_runs`): its daily quota. */
export class AgentActionRunRepository {
  constructor(private readonly collection: Collections['agentActionRuns']) {}

  /** The run keys counted for the conversation on that day (`<conversationId>:<day>`). */
  async keysOf(organizationId: string, runsId: string): Promise<string[]> {
    return (await this.collection.findOne({ _id: runsId, organizationId }))?.keys ?? [];
  }

  /** Counts a run (once per key: a retried activity brings the same one). */
  async add(runs: Pick<AgentActionRuns, '_id' | 'organizationId' | 'conversationId' | 'day'>, runKey: string) {
    await this.collection.updateOne(
      { _id: runs._id, organizationId: runs.organizationId },
      { $addToSet: { keys: runKey }, $set: { conversationId: runs.conversationId, day: runs.day } },
      { upsert: true },
    );
  }
}
