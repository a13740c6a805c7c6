import { randomUUID } from 'node:crypto';
import { redactSecrets, type AuditActor, type AuditEntry, type AuditTargetType } from '../domain/audit.js';
import type { Collections } from './database.js';

export interface AuditChange {
  organizationId: string;
  actor: AuditActor;
  action: string;
  target: { type: AuditTargetType; id: string };
  /** The stored record (or settings) before and after; redacted here, so no caller can forget. */
  before: object | null;
  after: object | null;
}

/** The audit log collection: append-only, newest first, paged by `_id` (time-ordered). */
export class AuditLog {
  constructor(private readonly collection: Collections['auditLog']) {}

  async record(change: AuditChange): Promise<void> {
    const at = new Date();
    await this.collection.insertOne({
      _id: `${at.toISOString()}_${randomUUID()}`,
      organizationId: change.organizationId,
      at,
      actor: change.actor,
      action: change.action,
      target: change.target,
      beforeJson: change.before ? JSON.stringify(redactSecrets(change.before)) : null,
      afterJson: change.after ? JSON.stringify(redactSecrets(change.after)) : null,
    });
  }

  /** One page, newest first, of the entries older than `before` (an entry id: the previous page's cursor). */
  page(organizationId: string, options: { before?: string; limit: number }): Promise<AuditEntry[]> {
    return this.collection
      .find({ organizationId, ...(options.before ? { _id: { $lt: options.before } } : {}) })
      .sort({ _id: -1 })
      .limit(options.limit)
      .toArray();
  }
}
