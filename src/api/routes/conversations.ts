import type { UseCases } from '../../usecases/index.js';
import type { TakeoverWebhookState } from '../../usecases/takeover-webhooks.js';
import { z } from '../openapi-zod.js';
import { actorOf, auditActorOf, defineRoute } from '../route.js';
import { ResourceId } from './common.js';

/**
 * Headers a takeover webhook may not set: connection framing and routing (request smuggling, a
 * different virtual host) and the headers the service sets itself (signature, idempotency, type).
 */
const reservedHeaderNames = new Set([
  'host',
  'connection',
  'keep-alive',
  'content-length',
  'content-type',
  'content-encoding',
  'transfer-encoding',
  'te',
  'trailer',
  'upgrade',
  'expect',
  'user-agent',
  'idempotency-key',
  'webhook-id',
  'webhook-timestamp',
  'webhook-signature',
]);

const TakeoverHeaderName = z
  .string()
  .regex(/^[A-Za-z0-9-]{1,64}$/, 'header names are letters, digits and dashes')
  .refine((name) => !reservedHeaderNames.has(name.toLowerCase()) && !/^(proxy|sec)-/i.test(name), {
    error: (issue) => `${String(issue.input)} is set by the service or the connection and cannot be configured`,
  });

/** RFC 9110 field values without obs-text: visible ASCII, inner spaces and tabs; never CR, LF or NUL. */
const TakeoverHeaderValue = z
  .string()
  .max(2048)
  .regex(/^(?:[\x21-\x7E](?:[\t\x20-\x7E]*[\x21-\x7E])?)?$/, 'header values are printable ASCII without line breaks');

const TakeoverWebhookBody = z
  .object({
    url: z.url({ protocol: /^https?$/ }).max(2048),
    method: z.enum(['POST', 'PUT', 'PATCH']).default('POST'),
    headers: z
      .record(TakeoverHeaderName, TakeoverHeaderValue)
      .default({})
      .refine((headers) => Object.keys(headers).length <= 20, 'at most 20 headers')
      .refine(
        (headers) =>
          new Set(Object.keys(headers).map((name) => name.toLowerCase())).size === Object.keys(headers).length,
        'header names must differ in more than letter case',
      ),
    body: z
      .record(z.string(), z.unknown())
      .default({})
      .openapi({ description: 'Merged over the default payload (custom keys win).' }),
  })
  .strict()
  .openapi('HumanTakeoverWebhook');

const TakeoverWebhookView = z
  .object({
    url: z.string(),
    method: z.enum(['POST', 'PUT', 'PATCH']),
    header_names: z
      .array(z.string())
      .openapi({ description: 'Header values are stored encrypted and never returned.' }),
    body: z.record(z.string(), z.unknown()),
    has_signing_secret: z.boolean().openapi({
      description:
        'Whether the webhook has its own signing secret; `false` for a webhook saved before they existed, which is still ' +
        'signed with the account’s `hook_secret` until the secret is rotated.',
    }),
  })
  .openapi('HumanTakeoverWebhookSettings');

const SigningSecretField = z.string().openapi({
  description: 'Verifies `webhook-signature` on the takeover calls (Standard Webhooks). Shown only here.',
});

const SavedTakeoverWebhookView = TakeoverWebhookView.extend({
  signing_secret: SigningSecretField.optional().openapi({
    description: 'Present when the webhook got its signing secret now (its first save). Shown only here.',
  }),
}).openapi('SavedHumanTakeoverWebhook');

const AccountParams = z.object({ accountId: ResourceId });

export function conversationRoutes({
  saveTakeoverWebhook,
  getTakeoverWebhook,
  rotateTakeoverWebhookSecret,
  removeTakeoverWebhook,
  sendHumanMessage,
  getProviderStatus,
  resetProviderStatus,
}: UseCases) {
  const view = ({ webhook, headerNames }: TakeoverWebhookState): z.infer<typeof TakeoverWebhookView> => ({
    url: webhook.url,
    method: webhook.method,
    header_names: headerNames,
    body: JSON.parse(webhook.bodyJson) as Record<string, unknown>,
    has_signing_secret: Boolean(webhook.signingSecret),
  });

  return [
    defineRoute({
      method: 'put',
      path: '/v1/accounts/{accountId}/human-takeover-webhook',
      operationId: 'setHumanTakeoverWebhook',
      summary: 'Configure the channel’s human-takeover webhook (seed 001)',
      description:
        'Called (with retries) when the bot is paused on one of the account’s conversations. Default payload: `event`, ' +
        '`conversation_id`, `channel_account_id`, `channel_name`, `agent` (the caller), `contact`, `timestamp`; `body` is merged over it.',
      tags: ['Conversation control'],
      auth: { scopes: ['admin'] },
      request: { params: AccountParams, body: TakeoverWebhookBody },
      responses: {
        200: {
          description: 'Saved; `signing_secret` only on the first save (it is kept on later saves)',
          schema: SavedTakeoverWebhookView,
        },
        400: { description: 'Invalid body (a reserved header name, a header value with a line break, …)' },
        404: { description: 'No such account' },
      },
      async handle({ ctx, principal, params, body }) {
        const { signingSecret, ...saved } = await saveTakeoverWebhook.execute({
          organizationId: principal.organizationId,
          accountId: params.accountId,
          ...body,
          actor: auditActorOf(principal, ctx),
        });
        return {
          status: 200,
          body: { ...view(saved), ...(signingSecret ? { signing_secret: signingSecret } : {}) },
        };
      },
    }),
    defineRoute({
      method: 'post',
      path: '/v1/accounts/{accountId}/human-takeover-webhook/signing-secret',
      operationId: 'rotateHumanTakeoverWebhookSecret',
      summary: 'Give the human-takeover webhook a new signing secret (the previous one stops signing at once)',
      description:
        'Also the migration of a webhook saved before webhooks had their own secret (`has_signing_secret: false`): until ' +
        'rotated, its calls are signed with the account’s `hook_secret`.',
      tags: ['Conversation control'],
      auth: { scopes: ['admin'] },
      request: { params: AccountParams },
      responses: {
        201: {
          description: 'The new secret, shown only here',
          schema: z.object({ signing_secret: SigningSecretField }).openapi('TakeoverWebhookSigningSecret'),
        },
        404: { description: 'No such account, or no webhook configured' },
      },
      async handle({ ctx, principal, params }) {
        const { signingSecret } = await rotateTakeoverWebhookSecret.execute({
          organizationId: principal.organizationId,
          accountId: params.accountId,
          actor: auditActorOf(principal, ctx),
        });
        return { status: 201, body: { signing_secret: signingSecret } };
      },
    }),
    defineRoute({
      method: 'get',
      path: '/v1/accounts/{accountId}/human-takeover-webhook',
      operationId: 'getHumanTakeoverWebhook',
      summary: 'The channel’s human-takeover webhook',
      tags: ['Conversation control'],
      auth: { scopes: ['admin'] },
      request: { params: AccountParams },
      responses: {
        200: { description: 'Settings', schema: TakeoverWebhookView },
        404: { description: 'No such account, or none configured' },
      },
      async handle({ principal, params }) {
        const found = await getTakeoverWebhook.execute({
          organizationId: principal.organizationId,
          accountId: params.accountId,
        });
        return { status: 200, body: view(found) };
      },
    }),
    defineRoute({
      method: 'delete',
      path: '/v1/accounts/{accountId}/human-takeover-webhook',
      operationId: 'deleteHumanTakeoverWebhook',
      summary: 'Remove the channel’s human-takeover webhook',
      tags: ['Conversation control'],
      auth: { scopes: ['admin'] },
      request: { params: AccountParams },
      responses: { 204: { description: 'Removed' }, 404: { description: 'No such account' } },
      async handle({ ctx, principal, params }) {
        await removeTakeoverWebhook.execute({
          organizationId: principal.organizationId,
          accountId: params.accountId,
          actor: auditActorOf(principal, ctx),
        });
        return { status: 204 };
      },
    }),
    defineRoute({
      method: 'post',
      path: '/v1/conversations/{conversationId}/messages',
      operationId: 'sendHumanMessage',
      summary: 'Send a human agent’s (or an automation’s) message into the conversation',
      description:
        'The conversation’s workflow stores it and sends it through the channel (retried, sent once). Without a conversation AI ' +
        'agent a human’s message pauses the bot until resumed (bot-control `resume`); with one, the agent’s sleep settings decide.',
      tags: ['Conversation control'],
      auth: { scopes: ['conversations.write'] },
      request: {
        params: z.object({ conversationId: ResourceId }),
        body: z
          .object({
            text: z.string().trim().min(1).max(10_000),
            source: z
              .enum(['manual', 'workflow'])
              .default('manual')
              .describe(
                'Who sends it: a human agent (`manual`) or the business’s automation (`workflow`). With a conversation AI agent, ' +
                  'each puts the bot to sleep as the agent’s sleepOnManualMessage / sleepOnWorkflowMessage say.',
              ),
          })
          .strict()
          .openapi('HumanMessage'),
      },
      responses: {
        202: {
          description: 'Accepted for sending',
          schema: z.object({ message_id: z.string() }).openapi('HumanMessageAccepted'),
        },
        400: { description: 'Invalid body' },
        404: { description: 'No such conversation in this organization' },
      },
      async handle({ principal, params, body }) {
        const { messageId } = await sendHumanMessage.execute({
          organizationId: principal.organizationId,
          conversationId: params.conversationId,
          text: body.text,
          source: body.source,
          sentBy: actorOf(principal),
        });
        return { status: 202, body: { message_id: messageId } };
      },
    }),
    defineRoute({
      method: 'get',
      path: '/v1/ai/provider-status',
      operationId: 'getProviderStatus',
      summary: 'The organization’s provider status (`insufficient_funds` after an `insufficient_quota` answer)',
      tags: ['AI configuration'],
      auth: { scopes: ['admin'] },
      responses: {
        200: {
          description: 'Status',
          schema: z.object({ status: z.enum(['ok', 'insufficient_funds']) }).openapi('ProviderStatus'),
        },
      },
      async handle({ principal }) {
        const status = await getProviderStatus.execute({ organizationId: principal.organizationId });
        return { status: 200, body: { status } };
      },
    }),
    defineRoute({
      method: 'delete',
      path: '/v1/ai/provider-status',
      operationId: 'resetProviderStatus',
      summary: 'Reset the provider status to `ok` (after topping up the provider account)',
      tags: ['AI configuration'],
      auth: { scopes: ['admin'] },
      responses: { 200: { description: 'Reset', schema: z.object({ status: z.literal('ok') }) } },
      async handle({ principal }) {
        await resetProviderStatus.execute({ organizationId: principal.organizationId });
        return { status: 200, body: { status: 'ok' } };
      },
    }),
  ];
}
