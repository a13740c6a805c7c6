import { badRequest } from '../../domain/errors.js';
import type { Conversation } from '../../domain/model.js';
import type { UseCases } from '../../usecases/index.js';
import type { ErrorSurface } from '../errors.js';
import { z } from '../openapi-zod.js';
import { actorOf, defineRoute } from '../route.js';

/** Seed 001's error bodies: `{ "error": "<the documented message>" }`. */
export const botControlSurface: ErrorSurface = {
  pathPrefix: '/functions/v1/',
  render(error) {
    if (error.status === 401) return { error: 'Missing authentication' };
    const detail = (error.details as { message?: string }[] | undefined)?.[0]?.message;
    return { error: detail ?? error.message };
  },
};

const REQUIRED = 'Required: conversation_id, action';

const BotControlBody = z
  .object({
    conversation_id: z.string({ error: REQUIRED }).min(1, REQUIRED).max(128),
    action: z.enum(['pause', 'resume'], {
      error: (issue) => (issue.input === undefined ? REQUIRED : 'action must be "pause" or "resume"'),
    }),
  })
  .openapi('BotControl');

/** The columns of the conversations listing: seed 001's field names over the stored conversation. */
const columns = {
  id: (c: Conversation) => c._id,
  number: (c: Conversation) => c.number,
  ai_agent_active: (c: Conversation) => c.aiAgentActive,
  ai_enabled: (c: Conversation) => c.aiEnabled,
  status: (c: Conversation) => c.status,
  contact_id: (c: Conversation) => c.contactId,
  channel_account_id: (c: Conversation) => c.channelAccountId,
  chat_id: (c: Conversation) => c.chatId,
  chat_type: (c: Conversation) => c.chatType,
  last_message_at: (c: Conversation) => c.lastMessageAt.toISOString(),
  created_at: (c: Conversation) => c.createdAt.toISOString(),
} as const;
type Column = keyof typeof columns;
const columnNames = Object.keys(columns) as Column[];
/** Own keys only: `in` would also accept `__proto__`, `constructor`, `toString`… from the prototype chain. */
const isColumn = (name: string): name is Column => Object.hasOwn(columns, name);

/** Where each filterable / orderable column lives in MongoDB, and how a query-string value parses. */
const storage: Record<Column, { field: keyof Conversation; parse: (raw: string) => unknown }> = {
  id: { field: '_id', parse: String },
  number: { field: 'number', parse: (raw) => parseInteger(raw) },
  ai_agent_active: { field: 'aiAgentActive', parse: (raw) => parseBoolean(raw) },
  ai_enabled: { field: 'aiEnabled', parse: (raw) => parseBoolean(raw) },
  status: { field: 'status', parse: (raw) => parseOneOf(raw, ['open', 'closed']) },
  contact_id: { field: 'contactId', parse: String },
  channel_account_id: { field: 'channelAccountId', parse: String },
  chat_id: { field: 'chatId', parse: String },
  chat_type: { field: 'chatType', parse: (raw) => parseOneOf(raw, ['private', 'group', 'channel']) },
  last_message_at: { field: 'lastMessageAt', parse: (raw) => parseDate(raw) },
  created_at: { field: 'createdAt', parse: (raw) => parseDate(raw) },
};

function parseBoolean(raw: string): boolean {
  if (raw === 'true' || raw === 'false') return raw === 'true';
  throw new Error('must be true or false');
}
function parseInteger(raw: string): number {
  if (!/^\d{1,15}$/.test(raw)) throw new Error('must be an integer');
  return Number(raw);
}
function parseOneOf(raw: string, allowed: string[]): string {
  if (!allowed.includes(raw)) throw new Error(`must be one of ${allowed.join(', ')}`);
  return raw;
}
function parseDate(raw: string): Date {
  const date = new Date(raw);
  if (Number.isNaN(date.getTime())) throw new Error('must be an ISO 8601 date');
  return date;
}

const listingQuery = z
  .object({
    select: z
      .string()
      .max(500)
      .optional()
      .openapi({ description: `Comma-separated columns (default all): ${columnNames.join(', ')}` }),
    order: z.string().max(100).optional().openapi({ description: '`column.asc` or `column.desc`' }),
    limit: z.coerce.number().int().min(1).max(1000).default(100),
    offset: z.coerce.number().int().min(0).max(100_000).default(0),
    ...Object.fromEntries(
      columnNames.map((name) => [
        name,
        z
          .string()
          .max(300)
          .optional()
          .openapi({ description: `Filter: ${name}=value (or eq.value)` }),
      ]),
    ),
  })
  .strict();

/** Parses seed 001's PostgREST-style listing parameters; anything unknown or malformed is a 400, never a database error. */
function parseListing(
  query: { select?: string | undefined; order?: string | undefined } & Partial<Record<Column, string>>,
) {
  const fail = (message: string) => badRequest(message, [{ in: 'query parameters', path: '', message }]);
  const select: Column[] = [];
  for (const name of query.select ? query.select.split(',').map((part) => part.trim()) : columnNames) {
    if (!isColumn(name)) throw fail(`unknown column in select: ${name}`);
    select.push(name);
  }
  const filter: Partial<Record<keyof Conversation, unknown>> = {};
  for (const name of columnNames) {
    const raw = query[name];
    if (raw === undefined) continue;
    const value = raw.startsWith('eq.') ? raw.slice(3) : raw;
    try {
      filter[storage[name].field] = storage[name].parse(value);
    } catch (error) {
      throw fail(`invalid filter ${name}: ${(error as Error).message}`);
    }
  }
  let sort: Partial<Record<keyof Conversation, 1 | -1>> = { lastMessageAt: -1 };
  if (query.order) {
    const [name, direction = 'asc'] = query.order.split('.');
    if (!name || !isColumn(name) || !['asc', 'desc'].includes(direction))
      throw fail('order must be column.asc or column.desc');
    sort = { [storage[name].field]: direction === 'asc' ? 1 : -1 };
  }
  return { select, filter, sort };
}

export function botControlRoutes({ changeConversationControls, filterConversations }: UseCases) {
  return [
    defineRoute({
      method: 'post',
      path: '/functions/v1/bot-control',
      operationId: 'botControl',
      summary: 'Pause (human takeover) or resume the bot on a conversation (seed 001)',
      description:
        'Pause sets `ai_agent_active=false`, drops the bot’s pending reply and triggers the channel’s human-takeover webhook ' +
        '(delivered with retries; see the account’s webhook deliveries). Resume re-enables the bot for the next message.',
      tags: ['Conversation control'],
      auth: { scopes: ['conversations.write'] },
      request: { body: BotControlBody },
      responses: {
        200: {
          description: 'The accepted state',
          schema: z
            .object({
              success: z.boolean(),
              conversation_id: z.string(),
              bot_active: z.boolean(),
              action: z.enum(['pause', 'resume']),
            })
            .openapi('BotControlAnswer'),
        },
        400: { description: '`Required: conversation_id, action` or `action must be "pause" or "resume"`' },
        401: { description: '`Missing authentication`' },
        404: { description: '`Conversation not found` (invalid id or another organization)' },
        503: {
          description:
            'The change is recorded but its conversation did not apply it within 15 s (a reply being generated holds it up); it still applies, `Retry-After: 2`',
        },
      },
      async handle({ principal, body }) {
        const state = await changeConversationControls.execute({
          organizationId: principal.organizationId,
          conversation: { id: body.conversation_id },
          change: { botActive: body.action === 'resume' },
          actor: actorOf(principal),
        });
        return {
          status: 200,
          body: {
            success: true,
            conversation_id: body.conversation_id,
            bot_active: state.botActive,
            action: body.action,
          },
        };
      },
    }),
    defineRoute({
      method: 'get',
      path: '/functions/v1/rest-api-proxy/conversations',
      operationId: 'listConversations',
      summary: 'List conversations with select, filters, order, limit and offset (seed 001)',
      tags: ['Conversation control'],
      auth: { scopes: ['conversations.readonly', 'conversations.write'] },
      request: { query: listingQuery },
      responses: {
        200: {
          description: 'A JSON array of conversations with the selected columns',
          schema: z.array(z.record(z.string(), z.unknown())),
        },
        400: { description: 'Unknown column, malformed filter or order' },
        401: { description: '`Missing authentication`' },
      },
      async handle({ principal, query }) {
        const { select, filter, sort } = parseListing(query);
        const found = await filterConversations.execute({
          organizationId: principal.organizationId,
          equal: filter,
          sort,
          offset: query.offset,
          limit: query.limit,
        });
        return {
          status: 200,
          body: found.map((conversation) =>
            Object.fromEntries(select.map((name) => [name, columns[name](conversation)])),
          ),
        };
      },
    }),
  ];
}
