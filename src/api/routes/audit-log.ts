import { auditTargetTypes, type AuditEntry } from '../../domain/audit.js';
import type { UseCases } from '../../usecases/index.js';
import { z } from '../openapi-zod.js';
import { defineRoute } from '../route.js';

const AuditEntryView = z
  .object({
    id: z.string(),
    at: z.string().openapi({ description: 'When the change was made (UTC).' }),
    actor: z.object({
      type: z.enum(['api_key', 'admin', 'account']),
      id: z.string().openapi({ description: 'The API key’s id, or the admin JWT’s `sub`.' }),
      name: z.string().nullable(),
      ip: z.string().nullable().openapi({ description: 'Client address (see TRUSTED_PROXIES).' }),
    }),
    action: z.string().openapi({ example: 'ai_settings.updated' }),
    target: z.object({ type: z.enum(auditTargetTypes), id: z.string() }),
    before: z.record(z.string(), z.unknown()).nullable().openapi({ description: 'Secrets show as `[redacted]`.' }),
    after: z.record(z.string(), z.unknown()).nullable(),
  })
  .openapi('AuditEntry');

const view = (entry: AuditEntry): z.infer<typeof AuditEntryView> => ({
  id: entry._id,
  at: entry.at.toISOString(),
  actor: entry.actor,
  action: entry.action,
  target: entry.target,
  before: entry.beforeJson === null ? null : (JSON.parse(entry.beforeJson) as Record<string, unknown>),
  after: entry.afterJson === null ? null : (JSON.parse(entry.afterJson) as Record<string, unknown>),
});

export function auditLogRoutes({ readAuditLog }: UseCases) {
  return [
    defineRoute({
      method: 'get',
      path: '/v1/audit-log',
      operationId: 'listAuditLog',
      summary: 'Who changed which setting, when: AI settings, channel accounts, webhooks, agents, API keys',
      description:
        'Newest first. Each entry names the actor (API key id or admin JWT `sub`, and the client address), the action, the ' +
        'target and the setting before and after, with secrets redacted. Pass `next_cursor` as `cursor` for the next page.',
      tags: ['Audit log'],
      auth: { scopes: ['admin'] },
      request: {
        query: z
          .object({
            cursor: z.string().max(200).optional(),
            limit: z.coerce.number().int().min(1).max(200).default(50),
          })
          .strict(),
      },
      responses: {
        200: {
          description: 'One page of entries',
          schema: z
            .object({ entries: z.array(AuditEntryView), next_cursor: z.string().nullable() })
            .openapi('AuditLogPage'),
        },
        400: { description: 'Invalid query (a cursor not from this listing, a limit out of 1–200)' },
        401: { description: 'Missing or invalid credentials' },
        403: { description: 'Not an admin key' },
      },
      async handle({ principal, query }) {
        const { entries, nextCursor } = await readAuditLog.execute({
          organizationId: principal.organizationId,
          ...query,
        });
        return { status: 200, body: { entries: entries.map(view), next_cursor: nextCursor } };
      },
    }),
  ];
}
