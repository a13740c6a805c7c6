import { notFound } from '../../domain/errors.js';
import type { UseCases } from '../../usecases/index.js';
import type { ApiDeps } from '../deps.js';
import { z } from '../openapi-zod.js';
import { defineRoute } from '../route.js';
import { E164Phone, ResourceId } from './common.js';

const messageKinds = ['text', 'image', 'audio', 'video', 'document', 'other'] as const;

const InboundMessageBody = z
  .object({
    message_id: z.string().trim().min(1).max(256).openapi({
      description:
        'The channel’s own id for this message. Posting the same id again is harmless: it is stored and answered once.',
    }),
    from: z
      .object({
        id: z
          .string()
          .trim()
          .min(1)
          .max(256)
          .openapi({ description: 'The sender’s id on the channel (phone, JID, visitor id).' }),
        name: z.string().trim().max(200).optional(),
        phone: E164Phone.optional(),
        email: z.email().max(320).optional(),
      })
      .strict(),
    chat: z
      .object({
        id: z.string().trim().min(1).max(256),
        type: z.enum(['private', 'group', 'channel']),
      })
      .strict()
      .optional()
      .openapi({ description: 'The chat the message was posted in; defaults to the private chat with the sender.' }),
    type: z.enum(messageKinds).default('text'),
    text: z
      .string()
      .max(10_000)
      .default('')
      .openapi({ description: 'Message text, or the caption of a media message.' }),
    timestamp: z.iso
      .datetime({ offset: true })
      .optional()
      .openapi({ description: 'When the contact sent it (ISO 8601).' }),
  })
  .strict()
  .refine((body) => body.type !== 'text' || body.text.trim().length > 0, {
    path: ['text'],
    message: 'a text message needs non-empty text',
  })
  .openapi('InboundMessage');

const InboundMessageAccepted = z
  .object({
    message_id: z.string(),
    conversation_id: z.string(),
    contact_id: z.string(),
    duplicate: z.boolean().openapi({ description: 'True when this `message_id` had been received before.' }),
  })
  .openapi('InboundMessageAccepted');

export function messageRoutes({ config }: ApiDeps, { ingestInboundMessage: ingest }: UseCases) {
  return [
    defineRoute({
      method: 'post',
      path: '/v1/accounts/{accountId}/messages',
      operationId: 'ingestInboundMessage',
      summary: 'Receive an inbound message from a channel integration',
      description:
        'Authenticate with the account token (or an API key with `messages.ingest`). ' +
        'Stores the message and hands it to the conversation’s workflow, which answers through the account’s outbound hook. ' +
        'Answers 202 once the message is durable; retry on 5xx with the same `message_id`. ' +
        'Limited per organization and per channel account (429 with `Retry-After`; `X-RateLimit-*` on every answer).',
      tags: ['Channel ingest'],
      auth: { scopes: ['messages.ingest'] },
      rateLimit: config.rateLimits.ingest,
      request: { params: z.object({ accountId: ResourceId }), body: InboundMessageBody },
      responses: {
        202: {
          description: 'Accepted: stored and handed to the conversation workflow',
          schema: InboundMessageAccepted,
        },
        400: { description: 'Invalid body' },
        401: { description: 'Missing or invalid API key' },
        404: { description: 'No such channel account in this organization' },
      },
      async handle({ principal, params, body }) {
        // An account token posts for its own account only; any other id looks like no account at all.
        if (principal.channelAccountId && principal.channelAccountId !== params.accountId)
          throw notFound('Channel account');
        const accepted = await ingest.execute({
          organizationId: principal.organizationId,
          channelAccountId: params.accountId,
          channelMessageId: body.message_id,
          chat: body.chat ?? { id: body.from.id, type: 'private' },
          from: body.from,
          kind: body.type,
          text: body.text,
          sentAt: body.timestamp ? new Date(body.timestamp) : undefined,
        });
        return {
          status: 202,
          body: {
            message_id: accepted.messageId,
            conversation_id: accepted.conversationId,
            contact_id: accepted.contactId,
            duplicate: accepted.duplicate,
          },
        };
      },
    }),
  ];
}
