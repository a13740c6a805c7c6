import type { Calendar } from '../../domain/agent.js';
import type { UseCases } from '../../usecases/index.js';
import { z } from '../openapi-zod.js';
import { defineRoute } from '../route.js';
import { ResourceId } from './common.js';
import { conversationAiReadScopes, conversationAiWriteScopes } from './conversation-ai.js';

const HttpUrl = z.url({ protocol: /^https?$/ }).max(2048);

const CalendarView = z
  .object({
    id: z.string(),
    name: z.string(),
    booking_url: z.string(),
    booking_page_url: z.string().nullable(),
    has_signing_secret: z.boolean().openapi({
      description:
        'Whether booking calls are signed with the calendar’s own secret; `false` for a calendar created before calendars ' +
        'had one, whose calls are signed with the channel account’s `hook_secret` until the secret is rotated.',
    }),
    created_at: z.string(),
  })
  .openapi('Calendar');

const SigningSecretField = z.string().openapi({
  description: 'Verifies `webhook-signature` on the booking calls (Standard Webhooks). Shown only here.',
});

const view = (calendar: Calendar): z.infer<typeof CalendarView> => ({
  id: calendar._id,
  name: calendar.name,
  booking_url: calendar.bookingUrl,
  booking_page_url: calendar.bookingPageUrl,
  has_signing_secret: Boolean(calendar.signingSecret),
  created_at: calendar.createdAt.toISOString(),
});

const CalendarParams = z.object({ calendarId: ResourceId });

export function calendarRoutes({
  createCalendar,
  rotateCalendarSigningSecret,
  listCalendars,
  getCalendar,
  deleteCalendar,
}: UseCases) {
  return [
    defineRoute({
      method: 'post',
      path: '/v1/calendars',
      operationId: 'createCalendar',
      summary: 'Register a calendar for APPOINTMENT_BOOKING actions',
      description:
        'Bookings are POSTed (signed like every outbound call) to `booking_url`, which must not target a private network ' +
        'outside development; `booking_page_url` is the link sent to the contact when an action only sends a link.',
      tags: ['Conversation AI'],
      auth: conversationAiWriteScopes,
      request: {
        body: z
          .object({
            name: z.string().trim().min(1).max(200),
            booking_url: HttpUrl,
            booking_page_url: HttpUrl.nullable().default(null),
          })
          .strict()
          .openapi('CreateCalendar'),
      },
      responses: {
        201: {
          description: 'Created; `signing_secret` is shown only here',
          schema: CalendarView.extend({ signing_secret: SigningSecretField }).openapi('CreatedCalendar'),
        },
        400: { description: 'Invalid body, or `booking_url` targets a private network' },
      },
      async handle({ principal, body }) {
        const { calendar, signingSecret } = await createCalendar.execute({
          organizationId: principal.organizationId,
          name: body.name,
          bookingUrl: body.booking_url,
          bookingPageUrl: body.booking_page_url,
        });
        return { status: 201, body: { ...view(calendar), signing_secret: signingSecret } };
      },
    }),
    defineRoute({
      method: 'post',
      path: '/v1/calendars/{calendarId}/signing-secret',
      operationId: 'rotateCalendarSigningSecret',
      summary: 'Give the calendar a new signing secret for its booking calls (the previous one stops signing at once)',
      tags: ['Conversation AI'],
      auth: conversationAiWriteScopes,
      request: { params: CalendarParams },
      responses: {
        201: {
          description: 'The new secret, shown only here',
          schema: z.object({ signing_secret: SigningSecretField }).openapi('CalendarSigningSecret'),
        },
        404: { description: 'No such calendar in this organization' },
      },
      handle: async ({ principal, params }) => ({
        status: 201,
        body: {
          signing_secret: await rotateCalendarSigningSecret.execute({
            organizationId: principal.organizationId,
            ...params,
          }),
        },
      }),
    }),
    defineRoute({
      method: 'get',
      path: '/v1/calendars',
      operationId: 'listCalendars',
      summary: 'List calendars',
      tags: ['Conversation AI'],
      auth: conversationAiReadScopes,
      responses: { 200: { description: 'Newest first', schema: z.array(CalendarView) } },
      handle: async ({ principal }) => ({
        status: 200,
        body: (await listCalendars.execute({ organizationId: principal.organizationId })).map(view),
      }),
    }),
    defineRoute({
      method: 'get',
      path: '/v1/calendars/{calendarId}',
      operationId: 'getCalendar',
      summary: 'Get a calendar',
      tags: ['Conversation AI'],
      auth: conversationAiReadScopes,
      request: { params: CalendarParams },
      responses: {
        200: { description: 'The calendar', schema: CalendarView },
        404: { description: 'No such calendar in this organization' },
      },
      handle: async ({ principal, params }) => ({
        status: 200,
        body: view(await getCalendar.execute({ organizationId: principal.organizationId, ...params })),
      }),
    }),
    defineRoute({
      method: 'delete',
      path: '/v1/calendars/{calendarId}',
      operationId: 'deleteCalendar',
      summary: 'Delete a calendar no booking action uses',
      tags: ['Conversation AI'],
      auth: conversationAiWriteScopes,
      request: { params: CalendarParams },
      responses: {
        204: { description: 'Deleted' },
        404: { description: 'No such calendar in this organization' },
        409: {
          description: '`conflict`: APPOINTMENT_BOOKING actions use it (named in the message); change them first',
        },
      },
      async handle({ principal, params }) {
        await deleteCalendar.execute({ organizationId: principal.organizationId, ...params });
        return { status: 204 };
      },
    }),
  ];
}
