import { randomUUID } from 'node:crypto';
import {
  actionInputSchema,
  agentDefaults,
  type ActionInput,
  type Agent,
  type AgentAction,
} from '../../src/domain/agent.js';
import type { Collections } from '../../src/store/database.js';

/**
 * Agents and actions stored as the agents API stores them, for tests of what the workflow does with
 * them. Actions go through the same schema as the API's input, so their details are valid.
 */
export function agentFixtures(collections: Collections, organizationId: string) {
  return {
    async agent(fields: Partial<Agent> = {}): Promise<Agent> {
      const agent: Agent = {
        ...agentDefaults,
        _id: randomUUID(),
        organizationId,
        name: 'Ava',
        personality: 'Warm and brief.',
        goal: 'Help customers of the bakery.',
        instructions: 'Answer in one sentence.',
        isPrimary: true,
        mode: 'AUTO_PILOT',
        channels: ['WhatsApp'],
        createdAt: new Date(),
        updatedAt: new Date(),
        ...fields,
      };
      await collections.agents.insertOne(agent);
      return agent;
    },
    async action(agentId: string, input: unknown): Promise<AgentAction> {
      const parsed: ActionInput = actionInputSchema.parse(input);
      const action = {
        ...parsed,
        _id: randomUUID(),
        organizationId,
        agentId,
        createdAt: new Date(),
        updatedAt: new Date(),
      } as AgentAction;
      await collections.agentActions.insertOne(action);
      return action;
    },
    /** A HUMAN_HAND_OVER action on the contact's request, with its final message and no reactivation. */
    humanHandOver(agentId: string): Promise<AgentAction> {
      return this.action(agentId, {
        type: 'humanHandOver',
        name: 'Human',
        details: {
          enabled: true,
          triggerCondition: 'The contact asks for a person',
          examples: ['can I talk to someone'],
          reactivateEnabled: false,
          finalMessage: 'A colleague will reply shortly.',
          handoverType: 'contactRequest',
        },
      });
    },
    update: (agentId: string, fields: Partial<Agent>) =>
      collections.agents.updateOne({ _id: agentId, organizationId }, { $set: fields }),
  };
}
