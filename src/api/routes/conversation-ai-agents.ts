import { actionTypes, agentChannels, agentModes, createAgentSchema, updateAgentSchema } from '../../domain/agent.js';
import type { AgentWithActions } from '../../usecases/agents.js';
import type { UseCases } from '../../usecases/index.js';
import type { ApiDeps } from '../deps.js';
import { z } from '../openapi-zod.js';
import { auditActorOf } from '../route.js';
import { ResourceId } from './common.js';
import {
  conversationAiReadScopes,
  conversationAiRoute,
  conversationAiWriteScopes,
  limitedWrite,
} from './conversation-ai.js';

// The domain's schemas are built with plain zod (no `.openapi()`); `meta({ id })` names them in the document.
const CreateAgentBody = createAgentSchema.meta({ id: 'CreateEmployeeDto' });
const UpdateAgentBody = updateAgentSchema.meta({ id: 'UpdateEmployeeDto' });

export const AgentParams = z.object({ agentId: ResourceId });

const AgentView = z
  .object({
    id: z.string(),
    name: z.string(),
    businessName: z.string().nullable(),
    mode: z.enum(agentModes),
    channels: z.array(z.enum(agentChannels)),
    isPrimary: z.boolean(),
    waitTime: z.number(),
    waitTimeUnit: z.enum(['SECONDS', 'MINUTES']),
    sleepEnabled: z.boolean(),
    sleepTime: z.number().nullable(),
    sleepTimeUnit: z.enum(['SECONDS', 'MINUTES', 'HOURS']).nullable(),
    personality: z.string(),
    goal: z.string(),
    instructions: z.string(),
    autoPilotMaxMessages: z.number().int(),
    knowledgeBaseIds: z.array(z.string()),
    respondToImages: z.boolean(),
    respondToAudio: z.boolean(),
    sleepOnManualMessage: z.boolean(),
    sleepOnWorkflowMessage: z.boolean(),
    splitMessages: z.boolean().nullable().openapi({
      description: 'Replies sent paragraph by paragraph; null: as the channel account says (`split_messages`)',
    }),
    typingMsPerCharacter: z.number().int().nullable().openapi({
      description: 'Typing time per character; null: as the channel account says, else the service default',
    }),
    actions: z.array(z.object({ id: z.string(), type: z.enum(actionTypes) })),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .openapi('EmployeeResponseDTO');

function agentView({ _id, organizationId: _, actions, createdAt, updatedAt, ...fields }: AgentWithActions) {
  return {
    id: _id,
    ...fields,
    // Agents stored before these settings existed inherit them.
    splitMessages: fields.splitMessages ?? null,
    typingMsPerCharacter: fields.typingMsPerCharacter ?? null,
    actions: actions.map((action) => ({ id: action._id, type: action.type })),
    createdAt: createdAt.toISOString(),
    updatedAt: updatedAt.toISOString(),
  } satisfies z.infer<typeof AgentView>;
}

const SearchQuery = z.object({
  startAfter: z
    .string()
    .max(128)
    .optional()
    .openapi({ description: 'The id of the last agent of the previous page; empty for the first page' }),
  limit: z.coerce.number().int().min(1).max(100).default(10).openapi({ description: 'Records per page (≤ 100)' }),
  query: z
    .string()
    .max(200)
    .refine((query) => query === query.toLowerCase(), 'must be lowercase')
    .optional()
    .openapi({ description: 'A lowercase substring of the agent name' }),
});

/** Seed 004: the Conversation AI agents themselves (create, search, read, change, delete). */
export function conversationAiAgentRoutes(
  { config }: ApiDeps,
  { createAgent, searchAgents, getAgent, updateAgent, deleteAgent }: UseCases,
) {
  return [
    conversationAiRoute({
      method: 'post',
      path: '/conversation-ai/agents',
      operationId: 'createAgent',
      summary: 'Create an agent',
      description:
        'Enum values are accepted in upper case (`AUTO_PILOT`, `SECONDS`) or the vendor’s lower case (`auto-pilot`, `seconds`) ' +
        'and answered in upper case. The first agent of an organization is primary unless `isPrimary` is false; at most one primary ' +
        'agent serves each channel (422 naming the other agent otherwise). Wait time ≤ 300 seconds / 5 minutes; sleep time ≤ ' +
        '172800 seconds / 2880 minutes / 48 hours, both null for an indefinite sleep; `knowledgeBaseIds` must exist.',
      auth: conversationAiWriteScopes,
      request: { body: CreateAgentBody },
      responses: { 201: { description: 'Created', schema: AgentView } },
      handle: async ({ ctx, principal, body }) => ({
        status: 201,
        body: agentView(
          await createAgent.execute({
            organizationId: principal.organizationId,
            input: body,
            actor: auditActorOf(principal, ctx),
          }),
        ),
      }),
    }),
    conversationAiRoute({
      method: 'get',
      path: '/conversation-ai/agents/search',
      operationId: 'searchAgents',
      summary: 'Search agents',
      description:
        'Oldest first (ties by id), so `startAfter` (the last id of the previous page) pages through a stable order. `query` ' +
        'matches a substring of the name (case-insensitively; it must be sent in lowercase). `totalCount` counts every agent of ' +
        'the organization, `count` the agents in this page.',
      auth: conversationAiReadScopes,
      request: { query: SearchQuery },
      responses: {
        200: {
          description: 'A page of agents',
          schema: z
            .object({ agents: z.array(AgentView), totalCount: z.number().int(), count: z.number().int() })
            .openapi('SearchEmployeeResponseDTO'),
        },
      },
      async handle({ principal, query }) {
        const found = await searchAgents.execute({ organizationId: principal.organizationId, ...query });
        return {
          status: 200,
          body: { agents: found.agents.map(agentView), totalCount: found.totalCount, count: found.agents.length },
        };
      },
    }),
    conversationAiRoute({
      method: 'get',
      path: '/conversation-ai/agents/{agentId}',
      operationId: 'getAgent',
      summary: 'Get an agent',
      auth: conversationAiReadScopes,
      request: { params: AgentParams },
      responses: { 200: { description: 'The agent', schema: AgentView } },
      handle: async ({ principal, params }) => ({
        status: 200,
        body: agentView(await getAgent.execute({ organizationId: principal.organizationId, agentId: params.agentId })),
      }),
    }),
    conversationAiRoute({
      method: 'put',
      path: '/conversation-ai/agents/{agentId}',
      operationId: 'updateAgent',
      summary: 'Update an agent',
      description:
        'Changes the fields sent (`autoPilotMaxMessages` is required, as documented). The bounds are checked on the agent the ' +
        'change produces (e.g. a new `waitTimeUnit` against the stored `waitTime`). Making an agent primary requires `mode`.',
      auth: conversationAiWriteScopes,
      request: { params: AgentParams, body: UpdateAgentBody },
      responses: { 200: { description: 'The agent after the change', schema: AgentView } },
      handle: async ({ ctx, principal, params, body }) => ({
        status: 200,
        body: agentView(
          await updateAgent.execute({
            organizationId: principal.organizationId,
            agentId: params.agentId,
            input: body,
            actor: auditActorOf(principal, ctx),
          }),
        ),
      }),
    }),
    conversationAiRoute({
      method: 'delete',
      path: '/conversation-ai/agents/{agentId}',
      operationId: 'deleteAgent',
      summary: 'Delete an agent',
      description:
        'Removes the agent and its actions. Conversations it was answering go back to their channel’s primary agent; ' +
        'TRANSFER_BOT actions pointing at it are disabled and booking actions stop transferring to it.',
      auth: conversationAiWriteScopes,
      request: { params: AgentParams },
      responses: {
        200: {
          description: 'Deleted',
          schema: z.object({ success: z.boolean(), id: z.string() }).openapi('DeleteEmployeeResponseDTO'),
        },
      },
      async handle({ ctx, principal, params }) {
        await deleteAgent.execute({
          organizationId: principal.organizationId,
          agentId: params.agentId,
          actor: auditActorOf(principal, ctx),
        });
        return { status: 200, body: { success: true, id: params.agentId } };
      },
    }),
  ].map(limitedWrite(config.rateLimits.conversationAiWrite));
}
