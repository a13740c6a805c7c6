import type { Suggestion } from '../../domain/agent.js';
import type { UseCases } from '../../usecases/index.js';
import { z } from '../openapi-zod.js';
import { defineRoute } from '../route.js';
import { ResourceId } from './common.js';

const statuses = ['pending', 'approved', 'dismissed'] as const;

const SuggestionView = z
  .object({
    id: z.string().openapi({ description: 'Also the AI log id: see `GET /conversation-ai/generations`' }),
    conversation_id: z.string(),
    agent_id: z.string(),
    text: z.string().openapi({ description: 'The proposed text; once approved, the text sent' }),
    status: z.enum(statuses),
    created_at: z.string(),
    decided_at: z.string().nullable(),
    sent_message_id: z.string().nullable(),
  })
  .openapi('Suggestion');

const view = (suggestion: Suggestion): z.infer<typeof SuggestionView> => ({
  id: suggestion._id,
  conversation_id: suggestion.conversationId,
  agent_id: suggestion.agentId,
  text: suggestion.text,
  status: suggestion.status,
  created_at: suggestion.createdAt.toISOString(),
  decided_at: suggestion.decidedAt?.toISOString() ?? null,
  // Absent while pending on FerretDB 1.24 (its upsert drops `$setOnInsert` nulls).
  sent_message_id: suggestion.sentMessageId ?? null,
});

const ConversationParams = z.object({ conversationId: ResourceId });
const SuggestionParams = ConversationParams.extend({ suggestionId: ResourceId });
const decisionResponses = {
  200: { description: 'The suggestion after the decision', schema: SuggestionView },
  404: { description: 'No such conversation or suggestion in this organization' },
  409: { description: '`conflict`: the suggestion was already approved or dismissed' },
};

export function suggestionRoutes({ listSuggestions, approveSuggestion, dismissSuggestion }: UseCases) {
  return [
    defineRoute({
      method: 'get',
      path: '/v1/conversations/{conversationId}/suggestions',
      operationId: 'listSuggestions',
      summary: 'Replies a SUGGESTIVE agent proposed in the conversation, newest first',
      tags: ['Conversation AI'],
      auth: { scopes: ['conversations.readonly', 'conversations.write'] },
      request: { params: ConversationParams, query: z.object({ status: z.enum(statuses).optional() }).strict() },
      responses: {
        200: { description: 'The suggestions', schema: z.array(SuggestionView) },
        404: { description: 'No such conversation in this organization' },
      },
      async handle({ principal, params, query }) {
        const found = await listSuggestions.execute({
          organizationId: principal.organizationId,
          conversationId: params.conversationId,
          status: query.status,
        });
        return { status: 200, body: found.map(view) };
      },
    }),
    defineRoute({
      method: 'post',
      path: '/v1/conversations/{conversationId}/suggestions/{suggestionId}/approve',
      operationId: 'approveSuggestion',
      summary: 'Approve a pending suggestion: it is sent to the contact as the AI’s message',
      description:
        'Optionally with the `text` a human edited. Only one approval wins (a second one is 409); the text is sent through ' +
        'the conversation’s workflow once, as `sent_message_id`.',
      tags: ['Conversation AI'],
      auth: { scopes: ['conversations.write'] },
      request: {
        params: SuggestionParams,
        body: z
          .object({ text: z.string().trim().min(1).max(10_000).optional() })
          .strict()
          .openapi('ApproveSuggestion'),
      },
      responses: decisionResponses,
      handle: async ({ principal, params, body }) => ({
        status: 200,
        body: view(
          await approveSuggestion.execute({
            organizationId: principal.organizationId,
            conversationId: params.conversationId,
            suggestionId: params.suggestionId,
            editedText: body.text,
          }),
        ),
      }),
    }),
    defineRoute({
      method: 'post',
      path: '/v1/conversations/{conversationId}/suggestions/{suggestionId}/dismiss',
      operationId: 'dismissSuggestion',
      summary: 'Dismiss a pending suggestion: it is never sent',
      tags: ['Conversation AI'],
      auth: { scopes: ['conversations.write'] },
      request: { params: SuggestionParams },
      responses: decisionResponses,
      handle: async ({ principal, params }) => ({
        status: 200,
        body: view(
          await dismissSuggestion.execute({
            organizationId: principal.organizationId,
            conversationId: params.conversationId,
            suggestionId: params.suggestionId,
          }),
        ),
      }),
    }),
  ];
}
