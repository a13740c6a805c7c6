import { z } from '../openapi-zod.js';

/** Ids in paths: any well-formed string; an id that matches nothing in the caller's organization is a 404. */
export const ResourceId = z.string().min(1).max(128);

/** E.164: a plus, a non-zero country digit, up to 15 digits in all. */
export const E164Phone = z.string().regex(/^\+[1-9]\d{6,14}$/, 'must be an E.164 phone number such as +14155550123');

/** An IANA time zone (`Europe/Madrid`, `UTC`), stored under its canonical spelling; UTC offsets are refused. */
export const IanaTimeZone = z
  .string()
  .max(64)
  .transform((zone, ctx) => {
    try {
      if (/^[+-]/.test(zone)) throw new RangeError('an offset, not a zone');
      return new Intl.DateTimeFormat('en-US', { timeZone: zone }).resolvedOptions().timeZone;
    } catch {
      ctx.addIssue({ code: 'custom', message: 'must be an IANA time zone such as Europe/Madrid' });
      return z.NEVER;
    }
  })
  .openapi({ type: 'string', example: 'Europe/Madrid', description: 'An IANA time zone' });
