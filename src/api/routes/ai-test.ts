import { forbidden } from '../../domain/errors.js';
import type { AiTestResult } from '../../usecases/ai-test.js';
import type { UseCases } from '../../usecases/index.js';
import type { ApiDeps } from '../deps.js';
import { z } from '../openapi-zod.js';
import { defineRoute } from '../route.js';
import { ResourceId } from './common.js';
import { ChatId } from './ai-settings.js';

const AiTestView = z
  .object({
    reply: z.string(),
    model: z.string(),
    usage: z.object({ prompt_tokens: z.number(), completion_tokens: z.number(), total_tokens: z.number() }).nullable(),
    latency_ms: z.number(),
    ai_log_id: z.string(),
    sent: z.boolean(),
    message_id: z
      .string()
      .nullable()
      .openapi({ description: 'The outbound message id when the reply was sent to the chat.' }),
  })
  .openapi('AiTestResult');

const testView = (result: AiTestResult): z.infer<typeof AiTestView> => ({
  reply: result.reply,
  model: result.model,
  usage: result.usage
    ? {
        prompt_tokens: result.usage.promptTokens,
        completion_tokens: result.usage.completionTokens,
        total_tokens: result.usage.totalTokens,
      }
    : null,
  latency_ms: result.latencyMs,
  ai_log_id: result.aiLogId,
  sent: result.sentMessageId !== null,
  message_id: result.sentMessageId,
});

const testResponses = {
  200: { description: 'The AI’s reply', schema: AiTestView },
  400: { description: 'Invalid body' },
  422: {
    description:
      'The provider cannot be called: `no_api_key`, `provider_key_required` (`base_url` is not the service’s provider ' +
      'and the organization has no `api_key` of its own) or `model_not_allowed` (outside `AI_ALLOWED_MODELS` on the service’s key); `prompt_too_large` (over `AI_MAX_PROMPT_CHARACTERS`)',
  },
  502: {
    description:
      'The provider failed (not retried: this is a test): a generic message and `details.provider_status`; ' +
      'what the provider answered is only in the service’s log',
  },
  429: {
    description:
      'Too many tests (`too_many_requests`), or the organization spent its daily token budget (`budget_exceeded`); see `Retry-After`',
  },
};

const TestMessage = z.string().trim().min(1).max(4000);

/** Seed 002's AI test routes: as an account (account token) or as an admin. */
export function aiTestRoutes({ config }: ApiDeps, { testAiReply }: UseCases) {
  return [
    defineRoute({
      method: 'post',
      path: '/v1/ai/chat/test',
      operationId: 'testAiAsAccount',
      summary: 'Test the AI with an account token; `send_to_chat` also sends the reply into `chat_id`',
      tags: ['AI test'],
      rateLimit: config.rateLimits.aiTest,
      auth: { scopes: ['ai.test'] },
      request: {
        body: z
          .object({ message: TestMessage, chat_id: ChatId.optional(), send_to_chat: z.boolean().optional() })
          .strict()
          .openapi('AiChatTest'),
      },
      responses: {
        ...testResponses,
        401: { description: 'Missing or invalid account token' },
        403: { description: 'Not an account token' },
        404: { description: '`send_to_chat` with a chat that has no conversation' },
      },
      async handle({ principal, body }) {
        if (!principal.channelAccountId)
          throw forbidden('This route takes an account token (Authorization: Bearer <account token>)');
        const result = await testAiReply.execute({
          organizationId: principal.organizationId,
          channelAccountId: principal.channelAccountId,
          chatId: body.chat_id ?? null,
          message: body.message,
          sendToChat: body.send_to_chat ?? false,
        });
        return { status: 200, body: testView(result) };
      },
    }),
    defineRoute({
      method: 'post',
      path: '/v1/ai/admin/test',
      operationId: 'testAiAsAdmin',
      summary:
        'Test the AI with the configuration of the organization, an account or a chat; `send_to_chat` also sends the reply into `chat_id`',
      tags: ['AI test'],
      rateLimit: config.rateLimits.aiTest,
      auth: { scopes: ['admin'] },
      request: {
        body: z
          .object({
            account_id: ResourceId.optional(),
            chat_id: ChatId.optional(),
            message: TestMessage,
            // Optional rather than `.default(false)`: the document then says so (a default reads as required).
            send_to_chat: z.boolean().optional().openapi({
              description: 'Also send the reply into the chat (needs `account_id` and `chat_id`); default false.',
            }),
          })
          .strict()
          .openapi('AiAdminTest'),
      },
      responses: {
        ...testResponses,
        401: { description: 'Missing or invalid admin credentials' },
        404: {
          description: 'No such account in this organization, or `send_to_chat` with a chat that has no conversation',
        },
      },
      async handle({ principal, body }) {
        const result = await testAiReply.execute({
          organizationId: principal.organizationId,
          channelAccountId: body.account_id ?? null,
          chatId: body.chat_id ?? null,
          message: body.message,
          sendToChat: body.send_to_chat ?? false,
        });
        return { status: 200, body: testView(result) };
      },
    }),
  ];
}
