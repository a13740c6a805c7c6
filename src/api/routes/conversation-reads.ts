import type { AiLog, ApiKeyScope, Contact, Conversation, Message } from '../../domain/model.js';
import { botState } from '../../workflows/bot-state.js';
import { type ConversationDetails, type ReadScope } from '../../usecases/read-conversations.js';
import type { UseCases } from '../../usecases/index.js';
import type { ApiDeps } from '../deps.js';
import { z } from '../openapi-zod.js';
import { defineRoute, type Principal } from '../route.js';
import { ResourceId } from './common.js';

/**
 * The conversation read API: what the console and any inbox outside the service show. Every read
 * is scoped to the caller's organization (an account token: its own channel account).
 */

const readScopes: { scopes: ApiKeyScope[] } = { scopes: ['conversations.readonly', 'conversations.write'] };

const scopeOf = (principal: Principal): ReadScope => ({
  organizationId: principal.organizationId,
  channelAccountId: principal.channelAccountId,
});

const Cursor = z.string().max(400).optional().openapi({ description: 'The previous page’s `next_cursor`.' });
const pageLimit = (byDefault: number) => z.coerce.number().int().min(1).max(200).default(byDefault);

const botStates = ['active', 'sleeping', 'paused', 'ai_disabled', 'closed'] as const;

const ContactSummary = z
  .object({ id: z.string(), name: z.string().nullable(), phone: z.string().nullable(), email: z.string().nullable() })
  .openapi('ContactSummary');

const ConversationSummary = z
  .object({
    id: z.string(),
    number: z.number().int(),
    status: z.enum(['open', 'closed']),
    bot_state: z.enum(botStates).openapi({
      description:
        '`paused` until a human resumes; `sleeping` (detail only) a pause with a wake-up; in the listing a sleeping bot shows as `paused`.',
    }),
    ai_enabled: z.boolean(),
    bot_active: z.boolean(),
    channel_account_id: z.string(),
    chat: z.object({ id: z.string(), type: z.enum(['private', 'group', 'channel']) }),
    contact: ContactSummary.nullable(),
    awaiting_reply: z
      .boolean()
      .openapi({ description: 'The latest message is the contact’s: nobody has answered it yet.' }),
    closing: z
      .object({ category: z.string().nullable(), summary: z.string().nullable(), closed_at: z.string() })
      .nullable(),
    created_at: z.string(),
    last_message_at: z.string(),
  })
  .openapi('ConversationSummary');

const ConversationView = ConversationSummary.extend({
  channel: z.object({ id: z.string(), name: z.string(), type: z.string() }).nullable(),
  agent: z
    .object({ id: z.string(), name: z.string(), mode: z.string() })
    .nullable()
    .openapi({ description: 'The conversation AI agent answering it (seed 004), if any.' }),
  wake_at: z.string().nullable().openapi({ description: 'When a sleeping bot wakes up.' }),
  scheduled_followup: z
    .object({ action_id: z.string(), step: z.number().int(), due_at: z.string() })
    .nullable()
    .openapi({ description: 'The next follow-up step of an ADVANCED_FOLLOWUP action, when one is due.' }),
  pending_messages: z
    .number()
    .int()
    .nullable()
    .openapi({ description: 'Inbound messages waiting for the next reply.' }),
  live: z.boolean().openapi({
    description:
      'Whether the conversation’s workflow answered: when false, the bot state is MongoDB’s copy and the timers are unknown (null).',
  }),
  temporal_workflow_id: z.string().openapi({ description: 'The conversation’s workflow id in Temporal.' }),
  temporal_ui_url: z
    .string()
    .nullable()
    .openapi({ description: 'The workflow in the Temporal UI, when `TEMPORAL_UI_URL` is configured.' }),
}).openapi('Conversation');

const contactSummary = (contact: Contact | null): z.infer<typeof ContactSummary> | null =>
  contact && { id: contact._id, name: contact.name, phone: contact.phone, email: contact.email };

function conversationSummary(conversation: Conversation, contact: Contact | null): z.infer<typeof ConversationSummary> {
  const controls = {
    aiEnabled: conversation.aiEnabled,
    botActive: conversation.aiAgentActive,
    status: conversation.status,
  };
  return {
    id: conversation._id,
    number: conversation.number,
    status: conversation.status,
    bot_state: botState(controls),
    ai_enabled: conversation.aiEnabled,
    bot_active: conversation.aiAgentActive,
    channel_account_id: conversation.channelAccountId,
    chat: { id: conversation.chatId, type: conversation.chatType },
    contact: contactSummary(contact),
    awaiting_reply:
      conversation.lastInboundAt !== undefined && conversation.lastInboundAt >= conversation.lastMessageAt,
    closing: conversation.closing
      ? {
          category: conversation.closing.category,
          summary: conversation.closing.summary,
          closed_at: conversation.closing.closedAt.toISOString(),
        }
      : null,
    created_at: conversation.createdAt.toISOString(),
    last_message_at: conversation.lastMessageAt.toISOString(),
  };
}

/** Where operators see a conversation's workflow: its id, and its page in the Temporal UI when configured. */
interface WorkflowLink {
  workflowId: string;
  uiUrl: string | null;
}

function conversationView(details: ConversationDetails, workflow: WorkflowLink): z.infer<typeof ConversationView> {
  const { conversation, contact, channelAccount, agent, live } = details;
  const summary = conversationSummary(conversation, contact);
  return {
    ...summary,
    // The workflow's word wins: it knows a sleeping bot from a paused one, and saves MongoDB's copy after deciding.
    ...(live
      ? {
          bot_state: live.botState,
          status: live.controls.status,
          ai_enabled: live.controls.aiEnabled,
          bot_active: live.controls.botActive,
        }
      : {}),
    channel: channelAccount && { id: channelAccount._id, name: channelAccount.name, type: channelAccount.type },
    agent: agent && { id: agent._id, name: agent.name, mode: agent.mode },
    wake_at: live?.wakeAt ?? null,
    scheduled_followup: live?.followup
      ? { action_id: live.followup.actionId, step: live.followup.step, due_at: live.followup.dueAt }
      : null,
    pending_messages: live ? live.pendingMessages : null,
    live: live !== null,
    temporal_workflow_id: workflow.workflowId,
    temporal_ui_url: workflow.uiUrl,
  };
}

const TranscriptMessage = z
  .object({
    id: z.string(),
    direction: z.enum(['inbound', 'outbound']),
    author: z.enum(['contact', 'ai', 'human', 'system']).openapi({
      description:
        '`human`: a person of the business (`sent_by` names them when known); `system`: an automation (source `workflow`).',
    }),
    sent_by: z
      .object({ id: z.string(), name: z.string().nullable(), email: z.string().nullable() })
      .nullable()
      .openapi({ description: 'The API key or admin that sent a human’s message through the API.' }),
    kind: z.enum(['text', 'image', 'audio', 'video', 'document', 'other']),
    text: z.string().openapi({ description: 'The text, or a media message’s caption.' }),
    media: z
      .object({
        id: z.string().nullable(),
        url: z.string().nullable(),
        mime_type: z.string().nullable(),
        file_name: z.string().nullable(),
      })
      .nullable(),
    status: z.enum(['received', 'pending', 'sent', 'skipped', 'failed']).openapi({
      description:
        'Inbound: `received`. Outbound: `pending` until the channel took it, `sent`, `skipped` (not allowed to send, see ' +
        '`error`), `failed` (refused, or the channel stayed down; see `error`; also when the provider reported it failed).',
    }),
    error: z.string().nullable(),
    channel_status: z
      .object({ status: z.string(), at: z.string(), error: z.string().nullable() })
      .nullable()
      .openapi({ description: 'Native channels: the provider’s latest report (`delivered`, `read`, `failed`…).' }),
    channel_message_id: z.string().nullable(),
    created_at: z.string(),
    sent_at: z.string().nullable(),
  })
  .openapi('TranscriptMessage');

function transcriptMessage(message: Message): z.infer<typeof TranscriptMessage> {
  const providerFailed = message.channelStatus?.status === 'failed';
  return {
    id: message._id,
    direction: message.direction,
    author: message.author === 'workflow' ? 'system' : message.author,
    sent_by: message.sentBy ?? null,
    kind: message.kind,
    text: message.text,
    media: message.media
      ? {
          id: message.media.id,
          url: message.media.url,
          mime_type: message.media.mimeType,
          file_name: message.media.fileName,
        }
      : null,
    status: providerFailed ? 'failed' : message.deliveryStatus,
    error: message.deliveryError ?? (providerFailed ? (message.channelStatus?.error ?? null) : null),
    channel_status: message.channelStatus
      ? {
          status: message.channelStatus.status,
          at: message.channelStatus.at.toISOString(),
          error: message.channelStatus.error,
        }
      : null,
    channel_message_id: message.channelMessageId,
    created_at: message.createdAt.toISOString(),
    sent_at: message.sentAt?.toISOString() ?? null,
  };
}

const AiTurn = z
  .object({
    id: z.string(),
    outcome: z.enum(['generated', 'skipped', 'failed']),
    reason: z.string().nullable().openapi({
      description: 'Why a turn was skipped or failed (`paused`, `superseded`, `outside_customer_service_window`…).',
    }),
    source: z.enum(['conversation', 'workflow']).openapi({ description: '`workflow`: a follow-up.' }),
    trigger_message_ids: z.array(z.string()),
    reply_message_id: z.string().openapi({ description: 'The outbound message this turn became (when it was sent).' }),
    superseded_by: z.array(z.string()).openapi({ description: 'Newer messages that made this reply stale.' }),
    reply: z.string().nullable(),
    model: z.string(),
    agent: z.object({ id: z.string(), mode: z.string().nullable() }).nullable(),
    tokens: z.object({ prompt: z.number(), completion: z.number(), total: z.number() }).nullable(),
    latency_ms: z.number().nullable(),
    actions: z.array(
      z.object({
        action_id: z.string(),
        type: z.string(),
        name: z.string(),
        arguments: z.record(z.string(), z.unknown()),
        status: z.enum(['succeeded', 'failed', 'quota_exceeded']),
        result: z.string(),
        at: z.string(),
      }),
    ),
    knowledge: z
      .array(z.object({ knowledge_base_id: z.string(), chunk_id: z.string(), score: z.number(), text: z.string() }))
      .openapi({ description: 'The knowledge-base passages given to the model.' }),
    generation_url: z
      .string()
      .openapi({ description: 'The full prompt and details (`/conversation-ai/generations`).' }),
    created_at: z.string(),
  })
  .openapi('AiTurn');

function aiTurn(log: AiLog): z.infer<typeof AiTurn> {
  const source = log.source ?? 'conversation';
  return {
    id: log._id,
    outcome: log.outcome,
    reason: log.reason,
    source,
    trigger_message_ids: log.triggerMessageIds,
    reply_message_id: log.replyMessageId,
    superseded_by: log.supersededBy ?? [],
    reply: log.reply,
    model: log.model,
    agent: log.agentId ? { id: log.agentId, mode: log.agentMode ?? null } : null,
    tokens: log.usage
      ? { prompt: log.usage.promptTokens, completion: log.usage.completionTokens, total: log.usage.totalTokens }
      : null,
    latency_ms: log.latencyMs,
    actions: (log.actionLogs ?? []).map((action) => ({
      action_id: action.actionId,
      type: action.actionType,
      name: action.actionName,
      arguments: action.arguments,
      status: action.status,
      result: action.result,
      at: action.at.toISOString(),
    })),
    knowledge: (log.knowledgeChunks ?? []).map((chunk) => ({
      knowledge_base_id: chunk.knowledgeBaseId,
      chunk_id: chunk.chunkId,
      score: chunk.score,
      text: chunk.text,
    })),
    generation_url: `/conversation-ai/generations?${new URLSearchParams({ messageId: log.replyMessageId, source }).toString()}`,
    created_at: log.createdAt.toISOString(),
  };
}

const ConversationParams = z.object({ conversationId: ResourceId });

const notFoundAnswer = { description: 'No such conversation in this organization' };

export function conversationReadRoutes(
  { engine, config }: ApiDeps,
  { listConversations: list, getConversation: get, readTranscript: transcript, readAiTurns: turns }: UseCases,
) {
  const { uiUrl, namespace } = config.temporal;
  const workflowLink = (conversation: Conversation): WorkflowLink => {
    const workflowId = engine.workflowIdOf(conversation);
    return {
      workflowId,
      uiUrl: uiUrl
        ? `${uiUrl}/namespaces/${encodeURIComponent(namespace)}/workflows/${encodeURIComponent(workflowId)}`
        : null,
    };
  };
  return [
    defineRoute({
      method: 'get',
      path: '/v1/conversations',
      operationId: 'listInboxConversations',
      summary: 'The inbox: conversations, newest activity first',
      description:
        'Filters combine. `search` matches the contact’s name, phone or email (any letter case; the conversations of the first ' +
        '500 matching contacts). Pass `next_cursor` as `cursor` for the next page.',
      tags: ['Conversations'],
      auth: readScopes,
      request: {
        query: z
          .object({
            status: z.enum(['open', 'closed']).optional(),
            bot_state: z
              .enum(['active', 'paused', 'ai_disabled', 'closed'])
              .optional()
              .openapi({ description: '`paused` includes sleeping bots.' }),
            channel_account_id: ResourceId.optional(),
            contact_id: ResourceId.optional(),
            search: z.string().trim().min(1).max(100).optional(),
            cursor: Cursor,
            limit: pageLimit(50),
          })
          .strict(),
      },
      responses: {
        200: {
          description: 'One page of conversations',
          schema: z
            .object({ conversations: z.array(ConversationSummary), next_cursor: z.string().nullable() })
            .openapi('ConversationPage'),
        },
        400: { description: 'Invalid query (an unknown filter or value, a cursor not from this listing)' },
      },
      async handle({ principal, query }) {
        const page = await list.execute(scopeOf(principal), {
          status: query.status,
          botState: query.bot_state,
          channelAccountId: query.channel_account_id,
          contactId: query.contact_id,
          search: query.search,
          cursor: query.cursor,
          limit: query.limit,
        });
        return {
          status: 200,
          body: {
            conversations: page.items.map(({ conversation, contact }) => conversationSummary(conversation, contact)),
            next_cursor: page.nextCursor,
          },
        };
      },
    }),
    defineRoute({
      method: 'get',
      path: '/v1/conversations/{conversationId}',
      operationId: 'getConversation',
      summary: 'One conversation: contact, channel, controls, bot state, agent and its timers',
      tags: ['Conversations'],
      auth: readScopes,
      request: { params: ConversationParams },
      responses: { 200: { description: 'The conversation', schema: ConversationView }, 404: notFoundAnswer },
      async handle({ principal, params }) {
        const details = await get.execute(scopeOf(principal), params.conversationId);
        return { status: 200, body: conversationView(details, workflowLink(details.conversation)) };
      },
    }),
    defineRoute({
      method: 'get',
      path: '/v1/conversations/{conversationId}/messages',
      operationId: 'listConversationMessages',
      summary: 'The transcript, oldest first',
      description:
        'Pass `next_cursor` as `cursor` for the next page; to follow a live conversation, pass the last message’s id as `after`.',
      tags: ['Conversations'],
      auth: readScopes,
      request: {
        params: ConversationParams,
        query: z
          .object({
            cursor: Cursor,
            after: ResourceId.optional().openapi({
              description: 'A message id of this conversation: messages after it.',
            }),
            limit: pageLimit(100),
          })
          .strict()
          .refine((query) => !(query.cursor && query.after), { message: 'pass cursor or after, not both' }),
      },
      responses: {
        200: {
          description: 'One page of messages',
          schema: z
            .object({ messages: z.array(TranscriptMessage), next_cursor: z.string().nullable() })
            .openapi('TranscriptPage'),
        },
        400: { description: 'Invalid query' },
        404: notFoundAnswer,
      },
      async handle({ principal, params, query }) {
        const page = await transcript.execute(scopeOf(principal), params.conversationId, query);
        return { status: 200, body: { messages: page.items.map(transcriptMessage), next_cursor: page.nextCursor } };
      },
    }),
    defineRoute({
      method: 'get',
      path: '/v1/conversations/{conversationId}/ai-logs',
      operationId: 'listConversationAiTurns',
      summary: 'The AI turns of a conversation, oldest first: outcome, reason, model, tokens, latency, actions',
      tags: ['Conversations'],
      auth: readScopes,
      request: {
        params: ConversationParams,
        query: z.object({ cursor: Cursor, limit: pageLimit(100) }).strict(),
      },
      responses: {
        200: {
          description: 'One page of turns',
          schema: z.object({ turns: z.array(AiTurn), next_cursor: z.string().nullable() }).openapi('AiTurnPage'),
        },
        400: { description: 'Invalid query' },
        404: notFoundAnswer,
      },
      async handle({ principal, params, query }) {
        const page = await turns.execute(scopeOf(principal), params.conversationId, query);
        return { status: 200, body: { turns: page.items.map(aiTurn), next_cursor: page.nextCursor } };
      },
    }),
  ];
}
