import type { AuditEntry } from '../domain/audit.js';
import { badRequest } from '../domain/errors.js';
import type { AuditLog } from '../store/audit-log.js';

/** Entry ids are `<ISO timestamp>_<uuid>`: anything else in a cursor was not made by us. */
const entryId = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z_[0-9a-f-]{36}$/;

const encodeCursor = (id: string) => Buffer.from(id, 'utf8').toString('base64url');

function decodeCursor(cursor: string): string {
  const id = Buffer.from(cursor, 'base64url').toString('utf8');
  if (!entryId.test(id)) {
    throw badRequest('Invalid query parameters', [
      { in: 'query parameters', path: 'cursor', message: 'is not a cursor from this listing' },
    ]);
  }
  return id;
}

export interface ReadAuditLogCommand {
  organizationId: string;
  cursor?: string | undefined;
  limit: number;
}

/** The organization's audit log, newest first, a page at a time (`next_cursor` continues it). */
export class ReadAuditLog {
  constructor(private readonly auditLog: AuditLog) {}

  async execute({
    organizationId,
    ...query
  }: ReadAuditLogCommand): Promise<{ entries: AuditEntry[]; nextCursor: string | null }> {
    const page = await this.auditLog.page(organizationId, {
      before: query.cursor ? decodeCursor(query.cursor) : undefined,
      limit: query.limit + 1,
    });
    const entries = page.slice(0, query.limit);
    return { entries, nextCursor: page.length > query.limit ? encodeCursor(entries.at(-1)!._id) : null };
  }
}
