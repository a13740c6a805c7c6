import { identityFields, type Contact } from '../../domain/model.js';
import type { UseCases } from '../../usecases/index.js';
import { z } from '../openapi-zod.js';
import { defineRoute } from '../route.js';
import { IanaTimeZone, ResourceId } from './common.js';

const UnverifiedValueView = z.object({
  value: z.string(),
  source: z.literal('ai'),
  conversation_id: z.string(),
  updated_at: z.string(),
});

const ContactView = z
  .object({
    id: z.string(),
    number: z.number().int(),
    channel_account_id: z.string(),
    external_id: z.string(),
    name: z.string().nullable(),
    phone: z.string().nullable(),
    email: z.string().nullable(),
    blocked: z.boolean(),
    timezone: z
      .string()
      .nullable()
      .openapi({ description: 'IANA time zone (follow-ups in the contact’s working hours)' }),
    unverified_fields: z.partialRecord(z.enum(identityFields), UnverifiedValueView).openapi({
      description:
        'Email or phone as the AI model wrote them in a conversation: unverified, never used to identify the contact ' +
        '(`email:`/`phone:` lookups, channel switching).',
    }),
    created_at: z.string(),
  })
  .openapi('Contact');

const view = (contact: Contact): z.infer<typeof ContactView> => ({
  id: contact._id,
  number: contact.number,
  channel_account_id: contact.channelAccountId,
  external_id: contact.externalId,
  name: contact.name,
  phone: contact.phone,
  email: contact.email,
  blocked: contact.blocked,
  timezone: contact.timezone ?? null,
  unverified_fields: Object.fromEntries<z.infer<typeof UnverifiedValueView>>(
    Object.entries(contact.unverifiedFields ?? {}).map(([field, unverified]) => [
      field,
      {
        value: unverified.value,
        source: unverified.source,
        conversation_id: unverified.conversationId,
        updated_at: unverified.updatedAt.toISOString(),
      },
    ]),
  ),
  created_at: contact.createdAt.toISOString(),
});

const ContactParams = z.object({ contactId: ResourceId });

export function contactRoutes({ getContact, updateContact }: UseCases) {
  return [
    defineRoute({
      method: 'get',
      path: '/v1/contacts/{contactId}',
      operationId: 'getContact',
      summary: 'Get a contact',
      tags: ['Contacts'],
      auth: { scopes: ['conversations.readonly', 'conversations.write'] },
      request: { params: ContactParams },
      responses: {
        200: { description: 'The contact', schema: ContactView },
        404: { description: 'No such contact in this organization' },
      },
      async handle({ principal, params }) {
        const contact = await getContact.execute({
          organizationId: principal.organizationId,
          contactId: params.contactId,
        });
        return { status: 200, body: view(contact) };
      },
    }),
    defineRoute({
      method: 'patch',
      path: '/v1/contacts/{contactId}',
      operationId: 'updateContact',
      summary: 'Block or unblock a contact, or set its time zone',
      description:
        'A blocked contact’s messages are stored, never answered by the AI. `timezone` (IANA, `null` to forget it) is where ' +
        'follow-ups set to the contact’s time zone count working hours.',
      tags: ['Contacts'],
      auth: { scopes: ['conversations.write'] },
      request: {
        params: ContactParams,
        body: z
          .object({ blocked: z.boolean().optional(), timezone: IanaTimeZone.nullable().optional() })
          .strict()
          .refine((change) => Object.keys(change).length > 0, 'send blocked or timezone')
          .openapi('UpdateContact'),
      },
      responses: {
        200: { description: 'The contact after the change', schema: ContactView },
        400: { description: 'Invalid body' },
        404: { description: 'No such contact in this organization' },
      },
      async handle({ principal, params, body }) {
        const contact = await updateContact.execute({
          organizationId: principal.organizationId,
          contactId: params.contactId,
          change: body,
        });
        return { status: 200, body: view(contact) };
      },
    }),
  ];
}
