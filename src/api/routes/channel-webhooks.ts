import type { Context } from 'koa';
import { nativeChannels } from '../../channels/index.js';
import { ServiceError } from '../../domain/errors.js';
import type { UseCases } from '../../usecases/index.js';
import type { ApiDeps } from '../deps.js';
import { z } from '../openapi-zod.js';
import { defineRoute, type Route } from '../route.js';
import { ResourceId } from './common.js';

/** Native channel webhooks are read as raw bytes (their signatures cover the exact bytes), not parsed by Koa. */
export const CHANNEL_WEBHOOKS_PREFIX = '/v1/channels/';

/** Providers send small JSON events; Meta batches at most a few hundred kB. */
const MAX_WEBHOOK_BYTES = 1024 * 1024;

async function readRawBody(ctx: Context): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of ctx.req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_WEBHOOK_BYTES) throw new ServiceError(413, 'payload_too_large', 'The webhook body is too large');
    chunks.push(chunk);
  }
  return Buffer.concat(chunks);
}

const providerNames = {
  whatsapp_cloud: 'WhatsApp Cloud API',
  telegram: 'Telegram',
  chatwoot: 'Chatwoot (Agent Bot)',
  evolution: 'Evolution API',
} as const;

const proofs = {
  whatsapp_cloud: '`X-Hub-Signature-256: sha256=HMAC-SHA256(app_secret, raw body)`',
  telegram: '`X-Telegram-Bot-Api-Secret-Token` equal to the account’s `secret_token`',
  chatwoot:
    '`X-Chatwoot-Signature: sha256=HMAC-SHA256(webhook_secret, "<X-Chatwoot-Timestamp>.<raw body>")` when a `webhook_secret` is set',
  evolution: 'the body’s `apikey` equal to the account’s `api_key`',
} as const;

const Accepted = z.object({ received: z.number().int().openapi({ description: 'Events found in the body.' }) });

const WhatsAppVerification = z.object({
  'hub.mode': z.string().max(64).optional(),
  'hub.verify_token': z.string().max(256).optional(),
  'hub.challenge': z.string().max(256).optional(),
});

export function channelWebhookRoutes(
  { config }: ApiDeps,
  { receiveChannelWebhook: receive, verifyChannelWebhookSubscription }: UseCases,
): Route[] {
  const params = z.object({ accountId: ResourceId });
  const routes: Route[] = [];
  for (const channel of Object.values(nativeChannels)) {
    const path = `${CHANNEL_WEBHOOKS_PREFIX}${channel.pathName}/{accountId}/webhook`;
    const provider = providerNames[channel.type];
    routes.push(
      defineRoute({
        method: 'post',
        path,
        operationId: `receive_${channel.type}_webhook`,
        summary: `Receive ${provider} webhooks`,
        description:
          `The provider’s own webhook payloads, as its documentation shows them (no API key): proven by ${proofs[channel.type]}; otherwise 401 and nothing is stored. ` +
          'Messages are stored idempotently by the provider’s message id and answered through the provider’s send API.',
        tags: ['Native channels'],
        auth: 'public',
        // Counted before the proof is checked: a flood of forged events costs no lookup or HMAC.
        rateLimit: config.rateLimits.nativeWebhook,
        request: { params },
        responses: {
          200: { description: 'Received (a repeated delivery is answered and ignored)', schema: Accepted },
          400: { description: 'The body is not JSON' },
          401: { description: 'Missing or invalid proof' },
          404: { description: 'No such account of this provider' },
        },
        async handle({ ctx, params: { accountId } }) {
          const rawBody = await readRawBody(ctx);
          const { events } = await receive.execute({
            provider: channel.pathName,
            accountId,
            request: { rawBody, header: (name) => ctx.get(name) || undefined },
          });
          return { status: 200, body: { received: events } };
        },
      }),
    );
    if (channel.verifySubscription) {
      routes.push(
        defineRoute({
          method: 'get',
          path,
          operationId: `verify_${channel.type}_webhook`,
          summary: `${provider}: the webhook verification request`,
          description:
            'Meta calls it when the webhook is configured: `hub.mode=subscribe` and the account’s `verify_token` answer the `hub.challenge` as plain text; anything else is 403.',
          tags: ['Native channels'],
          auth: 'public',
          request: { params, query: WhatsAppVerification },
          responses: {
            200: { description: 'The challenge, as plain text', schema: z.string() },
            403: { description: 'Wrong verify token or mode' },
            404: { description: 'No such account of this provider' },
          },
          async handle({ params: { accountId }, query }) {
            const challenge = await verifyChannelWebhookSubscription.execute({
              provider: channel.pathName,
              accountId,
              query,
            });
            return { status: 200, body: challenge, headers: { 'content-type': 'text/plain; charset=utf-8' } };
          },
        }),
      );
    }
  }
  return routes;
}
