import { randomUUID } from 'node:crypto';
import {
  actionInputSchema,
  agentDefaults,
  type ActionInput,
  type Agent,
  type AgentAction,
} from '../../src/domain/agent.js';
import type { Repositories } from '../../src/store/repositories.js';

/**
 * Agents and actions stored as the agents API stores them (through its repositories, so the worker
 * sees each change), for tests of what the workflow does with them. Actions go through the same
 * schema as the API's input, so their details are valid.
 */
export function agentFixtures(store: Pick<Repositories, 'agents' | 'agentActions'>, organizationId: string) {
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
      await store.agents.insert(agent);
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
      await store.agentActions.insert(action);
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
    async update(agentId: string, fields: Partial<Agent>): Promise<void> {
      const agent = await store.agents.findInOrganization(organizationId, agentId);
      if (!agent) throw new Error(`agent ${agentId} not found`);
      await store.agents.replace({ ...agent, ...fields });
    },
    /** Removes the agent's actions. */
    removeActions: (agentId: string) => store.agentActions.deleteForAgent(organizationId, agentId),
  };
}
