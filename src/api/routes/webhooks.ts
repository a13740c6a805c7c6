import { webhookEventTypes, type WebhookDelivery, type WebhookSubscription } from '../../domain/model.js';
import type { UseCases } from '../../usecases/index.js';
import { z } from '../openapi-zod.js';
import { auditActorOf, defineRoute } from '../route.js';
import { ResourceId } from './common.js';

const SubscriptionView = z
  .object({ id: z.string(), url: z.string(), events: z.array(z.enum(webhookEventTypes)), created_at: z.string() })
  .openapi('WebhookSubscription');

const subscriptionView = (s: WebhookSubscription): z.infer<typeof SubscriptionView> => ({
  id: s._id,
  url: s.url,
  events: s.events,
  created_at: s.createdAt.toISOString(),
});

const DeliveryView = z
  .object({
    id: z.string().openapi({ description: 'Also the `webhook-id` header of every attempt.' }),
    target: z.enum(['subscription', 'human_takeover', 'channel_handoff']),
    subscription_id: z.string().nullable(),
    event_id: z.string(),
    event: z.enum(webhookEventTypes),
    url: z.string(),
    status: z.enum(['pending', 'delivered', 'failed']),
    attempts: z.number(),
    last_status_code: z.number().nullable(),
    last_error: z.string().nullable(),
    payload: z.record(z.string(), z.unknown()),
    created_at: z.string(),
    completed_at: z.string().nullable(),
  })
  .openapi('WebhookDelivery');

const deliveryView = (d: WebhookDelivery): z.infer<typeof DeliveryView> => ({
  id: d._id,
  target: d.target,
  subscription_id: d.subscriptionId,
  event_id: d.eventId,
  event: d.eventType,
  url: d.url,
  status: d.status,
  attempts: d.attempts,
  // Absent on a pending delivery stored by FerretDB 1.24 (its upsert drops `$setOnInsert` nulls).
  last_status_code: d.lastStatusCode ?? null,
  last_error: d.lastError ?? null,
  payload: JSON.parse(d.payloadJson) as Record<string, unknown>,
  created_at: d.createdAt.toISOString(),
  completed_at: d.completedAt?.toISOString() ?? null,
});

const AccountParams = z.object({ accountId: ResourceId });

export function webhookRoutes({
  subscribeWebhook,
  unsubscribeWebhook,
  listWebhookSubscriptions,
  listWebhookDeliveries,
}: UseCases) {
  return [
    defineRoute({
      method: 'post',
      path: '/v1/accounts/{accountId}/webhooks',
      operationId: 'createWebhookSubscription',
      summary: 'Subscribe a URL to the account’s AI events',
      description:
        'Events: `ai.reply.generated`, `ai.reply.sent`, `ai.reply.failed`, `agent.workflow.triggered`, `agent.suggestion.created`, ' +
        'and `ai.budget.exceeded` (organization-wide: whichever account subscribes, once per UTC day). Each is a signed JSON POST (Standard Webhooks: ' +
        '`webhook-id`, `webhook-timestamp`, `webhook-signature` with the returned `secret`) of `{type, timestamp, data}`, ' +
        'retried with backoff for up to 24 hours until answered 2xx.',
      tags: ['Webhooks'],
      auth: { scopes: ['admin'] },
      request: {
        params: AccountParams,
        body: z
          .object({
            url: z.url({ protocol: /^https?$/ }).max(2048),
            events: z.array(z.enum(webhookEventTypes)).min(1).max(webhookEventTypes.length),
          })
          .strict()
          .openapi('CreateWebhookSubscription'),
      },
      responses: {
        201: {
          description: 'Subscribed; `secret` is shown only here',
          schema: SubscriptionView.extend({ secret: z.string() }).openapi('CreatedWebhookSubscription'),
        },
        400: { description: 'Invalid body' },
        404: { description: 'No such account in this organization' },
      },
      async handle({ ctx, principal, params, body }) {
        const { subscription, secret } = await subscribeWebhook.execute({
          organizationId: principal.organizationId,
          accountId: params.accountId,
          url: body.url,
          events: body.events,
          actor: auditActorOf(principal, ctx),
        });
        return { status: 201, body: { ...subscriptionView(subscription), secret } };
      },
    }),
    defineRoute({
      method: 'get',
      path: '/v1/accounts/{accountId}/webhooks',
      operationId: 'listWebhookSubscriptions',
      summary: 'The account’s webhook subscriptions',
      tags: ['Webhooks'],
      auth: { scopes: ['admin'] },
      request: { params: AccountParams },
      responses: {
        200: { description: 'Subscriptions', schema: z.array(SubscriptionView) },
        404: { description: 'No such account' },
      },
      async handle({ principal, params }) {
        const subscriptions = await listWebhookSubscriptions.execute({
          organizationId: principal.organizationId,
          accountId: params.accountId,
        });
        return { status: 200, body: subscriptions.map(subscriptionView) };
      },
    }),
    defineRoute({
      method: 'delete',
      path: '/v1/accounts/{accountId}/webhooks/{webhookId}',
      operationId: 'deleteWebhookSubscription',
      summary: 'Unsubscribe (pending deliveries to it stop)',
      tags: ['Webhooks'],
      auth: { scopes: ['admin'] },
      request: { params: AccountParams.extend({ webhookId: ResourceId }) },
      responses: { 204: { description: 'Deleted' }, 404: { description: 'No such subscription' } },
      async handle({ ctx, principal, params }) {
        await unsubscribeWebhook.execute({
          organizationId: principal.organizationId,
          accountId: params.accountId,
          subscriptionId: params.webhookId,
          actor: auditActorOf(principal, ctx),
        });
        return { status: 204 };
      },
    }),
    defineRoute({
      method: 'get',
      path: '/v1/accounts/{accountId}/webhooks/deliveries',
      operationId: 'listWebhookDeliveries',
      summary: 'The delivery log of the account’s webhooks and human-takeover webhook, newest first',
      tags: ['Webhooks'],
      auth: { scopes: ['admin'] },
      request: {
        params: AccountParams,
        query: z
          .object({
            event: z.enum(webhookEventTypes).optional(),
            status: z.enum(['pending', 'delivered', 'failed']).optional(),
            limit: z.coerce.number().int().min(1).max(200).default(50),
          })
          .strict(),
      },
      responses: {
        200: { description: 'Deliveries', schema: z.array(DeliveryView) },
        400: { description: 'Invalid query' },
        404: { description: 'No such account' },
      },
      async handle({ principal, params, query }) {
        const deliveries = await listWebhookDeliveries.execute({
          organizationId: principal.organizationId,
          accountId: params.accountId,
          event: query.event,
          status: query.status,
          limit: query.limit,
        });
        return { status: 200, body: deliveries.map(deliveryView) };
      },
    }),
  ];
}
