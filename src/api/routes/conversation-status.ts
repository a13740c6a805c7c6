import { parsePhoneNumberFromString } from 'libphonenumber-js';
import { badRequest } from '../../domain/errors.js';
import type { ContactIdentifier } from '../../usecases/conversation-controls.js';
import type { UseCases } from '../../usecases/index.js';
import type { ApiDeps } from '../deps.js';
import type { ErrorSurface } from '../errors.js';
import { z } from '../openapi-zod.js';
import { actorOf, defineRoute } from '../route.js';

/** Seed 003's error bodies: `{ code, message }` with its documented messages. */
export const conversationStatusSurface: ErrorSurface = {
  pathPrefix: '/contact/',
  render(error) {
    const messages: Record<number, string> = {
      400: 'Validation error.',
      401: 'UN_AUTHORIZED',
      429: 'Too Many Requests',
      500: 'Unexpected error occurred',
    };
    return { code: error.status, message: messages[error.status] ?? error.message };
  },
};

/** `id:123` (contact number or id), `email:a@b.c`, `phone:+60121233112` (normalised to E.164). */
function parseIdentifier(raw: string): ContactIdentifier {
  const separator = raw.indexOf(':');
  const kind = raw.slice(0, separator);
  const value = raw.slice(separator + 1).trim();
  const invalid = (message: string) =>
    badRequest('Validation error.', [{ in: 'path parameters', path: 'identifier', message }]);
  if (separator < 1 || !value) throw invalid('must be id:<id>, email:<email> or phone:<phone>');
  switch (kind) {
    case 'id':
      return { kind, value };
    case 'email': {
      if (!z.email().safeParse(value).success) throw invalid('not an email address');
      return { kind, value: value.toLowerCase() };
    }
    case 'phone': {
      const phone = parsePhoneNumberFromString(value.startsWith('+') ? value : `+${value}`);
      if (!phone?.isValid()) throw invalid('not a valid international phone number');
      return { kind, value: phone.number };
    }
    default:
      throw invalid('must start with id:, email: or phone:');
  }
}

export function conversationStatusRoutes({ config }: ApiDeps, { setContactConversationStatus }: UseCases) {
  return [
    defineRoute({
      method: 'post',
      path: '/contact/{identifier}/conversation/status',
      operationId: 'setConversationStatus',
      summary: 'Open or close the contact’s conversation (seed 003)',
      description:
        'The identifier is `id:<contact number or id>`, `email:<email>` or `phone:<E.164 phone>`. Closing stops the bot and its pending ' +
        'timers; opening resumes normal handling. `summary` is only used with `category`. Rate limited per organization.',
      tags: ['Conversation control'],
      auth: { scopes: ['conversations.write'] },
      rateLimit: config.rateLimits.conversationStatus,
      request: {
        params: z.object({ identifier: z.string().min(3).max(330) }),
        body: z
          .object({
            status: z.enum(['open', 'close']),
            category: z.string().max(128).optional(),
            summary: z.string().max(512).optional(),
          })
          .openapi('ConversationStatus'),
      },
      responses: {
        200: {
          description: 'Done',
          schema: z.object({ contactId: z.number().int() }).openapi('ConversationStatusAnswer'),
        },
        400: { description: '`{"code": 400, "message": "Validation error."}`' },
        401: { description: '`{"code": 401, "message": "UN_AUTHORIZED"}`' },
        404: { description: '`{"code": 404, "message": "Contact not found"}`' },
        429: { description: '`{"code": 429, "message": "Too Many Requests"}` with `Retry-After`' },
        503: {
          description:
            'The change is recorded but its conversation did not apply it within 15 s (a reply being generated holds it up); it still applies, `Retry-After: 2`',
        },
      },
      async handle({ principal, params, body }) {
        const contact = parseIdentifier(params.identifier);
        const closing =
          body.status === 'close'
            ? { category: body.category ?? null, summary: body.category ? (body.summary ?? null) : null }
            : undefined;
        const { contactNumber } = await setContactConversationStatus.execute({
          organizationId: principal.organizationId,
          contact,
          status: body.status === 'open' ? 'open' : 'closed',
          closing,
          actor: actorOf(principal),
        });
        return { status: 200, body: { contactId: contactNumber } };
      },
    }),
  ];
}
