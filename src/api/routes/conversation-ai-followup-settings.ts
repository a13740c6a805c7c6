import { updateFollowupSettingsSchema } from '../../domain/agent.js';
import type { UseCases } from '../../usecases/index.js';
import type { ApiDeps } from '../deps.js';
import { conversationAiRoute, conversationAiWriteScopes, limitedWrite } from './conversation-ai.js';
import { ActionAnswer, actionAnswer } from './conversation-ai-actions.js';
import { AgentParams } from './conversation-ai-agents.js';

// The domain's schemas are built with plain zod (no `.openapi()`); `meta({ id })` names them in the document.
const FollowupSettingsBody = updateFollowupSettingsSchema.meta({ id: 'UpdateFollowupSettingsDTO' });

/** Seed 004: an agent's follow-up settings (on its follow-up actions). */
export function conversationAiFollowupSettingsRoutes({ config }: ApiDeps, { updateFollowupSettings }: UseCases) {
  return [
    conversationAiRoute({
      method: 'patch',
      path: '/conversation-ai/agents/{agentId}/followup-settings',
      operationId: 'updateFollowupSettings',
      summary: 'Update the follow-up settings of ADVANCED_FOLLOWUP actions',
      description:
        'Every action listed in `actionIds` is updated, or none: each must be an ADVANCED_FOLLOWUP action of the agent (422 ' +
        'naming the others). The answer carries the first listed action after the change.',
      auth: conversationAiWriteScopes,
      request: { params: AgentParams, body: FollowupSettingsBody },
      responses: { 200: { description: 'The first listed action after the change', schema: ActionAnswer } },
      async handle({ principal, params, body }) {
        const [first] = await updateFollowupSettings.execute({
          organizationId: principal.organizationId,
          agentId: params.agentId,
          ...body,
        });
        return { status: 200, body: actionAnswer(first!) };
      },
    }),
  ].map(limitedWrite(config.rateLimits.conversationAiWrite));
}
