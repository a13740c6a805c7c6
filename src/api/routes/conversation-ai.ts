import { STATUS_CODES } from 'node:http';
import {
  actionInputSchema,
  actionTypes,
  agentChannels,
  agentModes,
  createAgentSchema,
  updateAgentSchema,
  updateFollowupSettingsSchema,
  type AgentAction,
} from '../../domain/agent.js';
import { ServiceError } from '../../domain/errors.js';
import { AgentActions } from '../../usecases/agent-actions.js';
import { Agents, type AgentWithActions } from '../../usecases/agents.js';
import { explainGeneration } from '../../usecases/generation-details.js';
import type { ApiDeps } from '../deps.js';
import type { ErrorSurface } from '../errors.js';
import { z } from '../openapi-zod.js';
import type { RouteRateLimit } from '../rate-limit.js';
import { auditActorOf, defineRoute, type AuthRequirement, type Route, type RouteSpec } from '../route.js';
import { ResourceId } from './common.js';

/** The only API version this surface speaks (seed 004's `Version` header). */
export const CONVERSATION_AI_API_VERSION = '2021-04-15';

type Detail = { path?: string; message: string };

/**
 * Seed 004's error bodies, NestJS style: `{ statusCode, message, error }`, `message` listing every
 * problem of an invalid request. An invalid body is 422 (bad JSON, query or headers stay 400), and a
 * key without the scope is 401: the surface documents no 403.
 */
export const conversationAiSurface: ErrorSurface = {
  pathPrefix: '/conversation-ai/',
  adapt(error) {
    if (error.status === 403) return new ServiceError(401, 'unauthorized', error.message);
    const details = error.details as { in?: string }[] | undefined;
    const invalidBody = error.code === 'validation_error' && details?.every((detail) => detail.in === 'request body');
    return invalidBody ? new ServiceError(422, 'unprocessable_entity', error.message, error.details) : error;
  },
  render(error) {
    const details = error.details as Detail[] | undefined;
    const message = Array.isArray(details)
      ? details.map((detail) => (detail.path ? `${detail.path} ${detail.message}` : detail.message))
      : error.message;
    return { statusCode: error.status, message, error: STATUS_CODES[error.status] ?? 'Error' };
  },
};

const NestError = (status: number, example: string) =>
  z
    .object({
      statusCode: z.literal(status),
      message: z.union([z.string(), z.array(z.string())]),
      error: z.string(),
    })
    .openapi({ example: { statusCode: status, message: example, error: STATUS_CODES[status] } });

const errorResponses = {
  400: {
    description: 'Missing or wrong `Version` header, malformed JSON or query parameters',
    schema: NestError(400, 'Version must be 2021-04-15'),
  },
  401: {
    description: 'Missing or invalid credentials, or a key without the required scope',
    schema: NestError(401, 'Invalid API key'),
  },
  404: { description: 'No such agent (or action) in this organization', schema: NestError(404, 'Agent not found') },
  422: {
    description:
      'The body is invalid or refers to something that does not fit (unknown knowledge base, calendar, agent)',
    schema: NestError(422, 'waitTime must not be greater than 300 seconds'),
  },
};

const VersionHeader = z.object({
  Version: z
    .literal(CONVERSATION_AI_API_VERSION, { error: `must be ${CONVERSATION_AI_API_VERSION}` })
    .openapi({ description: 'API version', example: CONVERSATION_AI_API_VERSION }),
});

type Scoped = Exclude<AuthRequirement, 'public'>;
/** Who reads and who changes agents and what they use (knowledge bases, calendars): a write key may also read. */
export const conversationAiReadScopes: Scoped = { scopes: ['conversation-ai.readonly', 'conversation-ai.write'] };
export const conversationAiWriteScopes: Scoped = { scopes: ['conversation-ai.write'] };

/** A route of this surface: the `Version` header, its tag and its documented error answers. */
function conversationAiRoute<
  P extends z.ZodObject = z.ZodObject<Record<string, never>>,
  Q extends z.ZodObject = z.ZodObject<Record<string, never>>,
  B extends z.ZodType = z.ZodUndefined,
>(spec: Omit<RouteSpec<Scoped, P, Q, B>, 'tags'>): Route {
  return defineRoute<Scoped, P, Q, B>({
    ...spec,
    tags: ['Conversation AI'],
    request: { ...spec.request, headers: VersionHeader },
    responses: { ...errorResponses, ...spec.responses },
  });
}

// The domain's schemas are built with plain zod (no `.openapi()`); `meta({ id })` names them in the document.
const CreateAgentBody = createAgentSchema.meta({ id: 'CreateEmployeeDto' });
const UpdateAgentBody = updateAgentSchema.meta({ id: 'UpdateEmployeeDto' });
const ActionBody = actionInputSchema.meta({ id: 'CreateActionDTO' });
const FollowupSettingsBody = updateFollowupSettingsSchema.meta({ id: 'UpdateFollowupSettingsDTO' });

const AgentParams = z.object({ agentId: ResourceId });
const ActionParams = AgentParams.extend({ actionId: ResourceId });

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

const ActionAnswer = z.object({ data: ActionData, success: z.boolean() }).openapi('ActionResponseDTO');
const actionAnswer = (action: AgentAction) => ({ data: actionData(action), success: true });

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

const GenerationDetails = z
  .object({
    prompt: z.string().openapi({ description: 'The system prompt' }),
    history: z
      .array(z.object({ role: z.enum(['user', 'assistant']), content: z.string() }))
      .openapi({ description: 'The conversation messages the model saw after the system prompt' }),
    responseMessage: z.string(),
    input: z.string().openapi({ description: 'The text of the contact messages this generation answered' }),
    intent: z.string().nullable().openapi({ description: 'The goal of the agent (null if it was deleted)' }),
    agentId: z.string().nullable(),
    mode: z.enum(agentModes).nullable(),
    actionLogs: z.array(z.record(z.string(), z.unknown())),
    knowledgeBaseChunks: z.array(
      z.object({ knowledgeBaseId: z.string(), chunkId: z.string(), text: z.string(), score: z.number() }),
    ),
    faqs: z.array(z.unknown()).openapi({ description: 'Always empty: convo-pilot has no FAQ sources' }),
    website: z.array(z.unknown()).openapi({ description: 'Always empty: convo-pilot has no website sources' }),
  })
  .openapi('FetchAIResponseDetailsResponseDTO');

/** Seed 004: Conversation AI agents, their actions and follow-up settings, and generation details. */
/** Every write of the surface counts against the organization's limit: 429 with `Retry-After` past it. */
const limitedWrite =
  (rateLimit: RouteRateLimit) =>
  (route: Route): Route =>
    route.spec.method === 'get'
      ? route
      : {
          spec: {
            ...route.spec,
            rateLimit,
            responses: {
              ...route.spec.responses,
              429: {
                description: 'Too many writes for this organization: retry after `Retry-After` seconds',
                schema: NestError(429, 'Too Many Requests'),
              },
            },
          },
        };

export function conversationAiRoutes({ collections, config }: ApiDeps) {
  const agents = new Agents(collections);
  const actions = new AgentActions(collections, agents);
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
        body: agentView(await agents.create(principal.organizationId, body, auditActorOf(principal, ctx))),
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
        const found = await agents.search(principal.organizationId, query);
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
        body: agentView(await agents.get(principal.organizationId, params.agentId)),
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
          await agents.update(principal.organizationId, params.agentId, body, auditActorOf(principal, ctx)),
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
        await agents.delete(principal.organizationId, params.agentId, auditActorOf(principal, ctx));
        return { status: 200, body: { success: true, id: params.agentId } };
      },
    }),
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
        body: actionAnswer(await actions.create(principal.organizationId, params.agentId, body)),
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
        const found = await actions.list(principal.organizationId, params.agentId);
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
        body: actionAnswer(await actions.get(principal.organizationId, params.agentId, params.actionId)),
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
        body: actionAnswer(await actions.update(principal.organizationId, params.agentId, params.actionId, body)),
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
        await actions.delete(principal.organizationId, params.agentId, params.actionId);
        return { status: 200, body: { data: { id: params.actionId }, success: true } };
      },
    }),
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
        const [first] = await actions.updateFollowupSettings(principal.organizationId, params.agentId, body);
        return { status: 200, body: actionAnswer(first!) };
      },
    }),
    conversationAiRoute({
      method: 'get',
      path: '/conversation-ai/generations',
      operationId: 'getGenerationDetails',
      summary: 'Get the generation details of an AI message',
      description:
        '`messageId` is the AI message (the id of the reply, or of a suggestion). `source`: `conversation` for an answer to the ' +
        'contact, `workflow` for a follow-up.',
      auth: conversationAiReadScopes,
      request: {
        query: z.object({ messageId: ResourceId, source: z.enum(['conversation', 'workflow']) }),
      },
      responses: {
        200: { description: 'What produced the message', schema: GenerationDetails },
        404: { description: 'No such generation in this organization', schema: NestError(404, 'Generation not found') },
      },
      async handle({ principal, query }) {
        const details = await explainGeneration(collections, principal.organizationId, query);
        return { status: 200, body: { ...details, faqs: [], website: [] } };
      },
    }),
  ].map(limitedWrite(config.rateLimits.conversationAiWrite));
}
