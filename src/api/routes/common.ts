import { z } from '../openapi-zod.js';

/** Ids in paths: any well-formed string; an id that matches nothing in the caller's organization is a 404. */
export const ResourceId = z.string().min(1).max(128);

/** E.164: a plus, a non-zero country digit, up to 15 digits in all. */
export const E164Phone = z.string().regex(/^\+[1-9]\d{6,14}$/, 'must be an E.164 phone number such as +14155550123');
