/**
 * The audit log of admin changes: who changed which setting, when, and what it was before and after
 * (secrets redacted). Written by the use cases that make the change; read by the organization.
 */

/** Who made a change: the API key (or account token) id, or the admin JWT's `sub`, and from where. */
export interface AuditActor {
  type: 'api_key' | 'admin' | 'account';
  id: string;
  name: string | null;
  /** The client address (behind TRUSTED_PROXIES: the address they forwarded for). */
  ip: string | null;
}

export const auditTargetTypes = [
  'ai_settings',
  'chat_ai_settings',
  'channel_account',
  'human_takeover_webhook',
  'webhook_subscription',
  'agent',
  'api_key',
] as const;
export type AuditTargetType = (typeof auditTargetTypes)[number];

export interface AuditEntry {
  /** Sorts by time (ISO timestamp first): the cursor of the listing. */
  _id: string;
  organizationId: string;
  at: Date;
  actor: AuditActor;
  /** `<target type>.<verb>`, e.g. `ai_settings.updated`, `api_key.revoked`. */
  action: string;
  target: { type: AuditTargetType; id: string };
  /**
   * The setting before and after the change as JSON text, secrets redacted; null when it did not
   * exist (yet). Text, because settings carry integrators' keys (`a.b`, `$x`) no store keeps as keys.
   */
  beforeJson: string | null;
  afterJson: string | null;
}

export const REDACTED = '[redacted]';

/** Field names that hold credentials in any of the audited records. */
const secretFieldName = /secret|api_?key$|^key$|keyhash|token|password|authorization/i;

/**
 * A copy fit for the audit log: sealed secrets and credential-named fields become `[redacted]`
 * (their presence still shows), dates become ISO strings.
 */
export function redactSecrets(value: unknown, key = ''): unknown {
  if (value === null || value === undefined) return value ?? null;
  if (key && secretFieldName.test(key)) return REDACTED;
  if (value instanceof Date) return value.toISOString();
  if (Array.isArray(value)) return value.map((item) => redactSecrets(item));
  if (typeof value === 'object') {
    if ('ciphertext' in value && 'iv' in value) return REDACTED;
    return Object.fromEntries(Object.entries(value).map(([name, item]) => [name, redactSecrets(item, name)]));
  }
  return value;
}
