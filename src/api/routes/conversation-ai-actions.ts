import { actionInputSchema, actionTypes, type AgentAction } from '../../domain/agent.js';
import type { UseCases } from '../../usecases/index.js';
import type { ApiDeps } from '../deps.js';
import { z } from '../openapi-zod.js';
import { ResourceId } from './common.js';
import {
  conversationAiReadScopes,
  conversationAiRoute,
  conversationAiWriteScopes,
  limitedWrite,
} from './conversation-ai.js';
import { AgentParams } from './conversation-ai-agents.js';

// The domain's schemas are built with plain zod (no `.openapi()`); `meta({ id })` names them in the document.
const ActionBody = actionInputSchema.meta({ id: 'CreateActionDTO' });

const ActionParams = AgentParams.extend({ actionId: ResourceId });

const ActionData = z
  .object({
    id: z.string(),
    name: z.string(),
    type: z.enum(actionTypes),
    agentId: z.string(),
    details: z.record(z.string(), z.unknown()),
  })
  .openapi('ActionDataDTO');

const actionData = (action: AgentAction): z.infer<typeof ActionData> => ({
  id: action._id,
  name: action.name,
  type: action.type,
  agentId: action.agentId,
  details: action.details,
});

export const ActionAnswer = z.object({ data: ActionData, success: z.boolean() }).openapi('ActionResponseDTO');
export const actionAnswer = (action: AgentAction) => ({ data: actionData(action), success: true });

/** Seed 004: an agent's actions. */
export function conversationAiActionRoutes(
  { config }: ApiDeps,
  { createAgentAction, listAgentActions, getAgentAction, updateAgentAction, deleteAgentAction }: UseCases,
) {
  return [
    conversationAiRoute({
      method: 'post',
      path: '/conversation-ai/agents/{agentId}/actions',
      operationId: 'createAgentAction',
      summary: 'Attach an action to an agent',
      description:
        '`details` follows the schema of `type`: TRIGGER_WORKFLOW, UPDATE_CONTACT_FIELD, APPOINTMENT_BOOKING (`calendarId` a ' +
        'calendar of `/v1/calendars`), STOP_BOT, HUMAN_HAND_OVER, ADVANCED_FOLLOWUP, TRANSFER_BOT (`transferToBot` another agent).',
      auth: conversationAiWriteScopes,
      request: { params: AgentParams, body: ActionBody },
      responses: { 201: { description: 'Created', schema: ActionAnswer } },
      handle: async ({ principal, params, body }) => ({
        status: 201,
        body: actionAnswer(
          await createAgentAction.execute({
            organizationId: principal.organizationId,
            agentId: params.agentId,
            input: body,
          }),
        ),
      }),
    }),
    conversationAiRoute({
      method: 'get',
      path: '/conversation-ai/agents/{agentId}/actions/list',
      operationId: 'listAgentActions',
      summary: 'List the actions of an agent',
      auth: conversationAiReadScopes,
      request: { params: AgentParams },
      responses: {
        200: {
          description: 'The actions, oldest first',
          schema: z
            .object({ data: z.array(ActionData), success: z.boolean() })
            .openapi('fetchActionsForEmployeeResponseDTO'),
        },
      },
      async handle({ principal, params }) {
        const found = await listAgentActions.execute({
          organizationId: principal.organizationId,
          agentId: params.agentId,
        });
        return { status: 200, body: { data: found.map(actionData), success: true } };
      },
    }),
    conversationAiRoute({
      method: 'get',
      path: '/conversation-ai/agents/{agentId}/actions/{actionId}',
      operationId: 'getAgentAction',
      summary: 'Get an action',
      auth: conversationAiReadScopes,
      request: { params: ActionParams },
      responses: { 200: { description: 'The action', schema: ActionAnswer } },
      handle: async ({ principal, params }) => ({
        status: 200,
        body: actionAnswer(await getAgentAction.execute({ organizationId: principal.organizationId, ...params })),
      }),
    }),
    conversationAiRoute({
      method: 'put',
      path: '/conversation-ai/agents/{agentId}/actions/{actionId}',
      operationId: 'updateAgentAction',
      summary: 'Update an action',
      description: 'Replaces the type, name and details (validated as on creation).',
      auth: conversationAiWriteScopes,
      request: { params: ActionParams, body: ActionBody },
      responses: { 200: { description: 'The action after the change', schema: ActionAnswer } },
      handle: async ({ principal, params, body }) => ({
        status: 200,
        body: actionAnswer(
          await updateAgentAction.execute({ organizationId: principal.organizationId, ...params, input: body }),
        ),
      }),
    }),
    conversationAiRoute({
      method: 'delete',
      path: '/conversation-ai/agents/{agentId}/actions/{actionId}',
      operationId: 'deleteAgentAction',
      summary: 'Remove an action from an agent',
      auth: conversationAiWriteScopes,
      request: { params: ActionParams },
      responses: {
        200: {
          description: 'Removed',
          schema: z
            .object({ data: z.object({ id: z.string() }), success: z.boolean() })
            .openapi('deleteActionResponseDTO'),
        },
      },
      async handle({ principal, params }) {
        await deleteAgentAction.execute({ organizationId: principal.organizationId, ...params });
        return { status: 200, body: { data: { id: params.actionId }, success: true } };
      },
    }),
  ].map(limitedWrite(config.rateLimits.conversationAiWrite));
}
