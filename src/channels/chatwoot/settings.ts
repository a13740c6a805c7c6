import { z } from 'zod';

/**
 * What a Chatwoot account stores (zod only: the console's Settings → Channels form validates with it).
 * Credentials, sealed at rest and shown only as `has_<field>`: `chatwootSecretFields`.
 */
export const ChatwootSettings = z
  .object({
    base_url: z
      .url({ protocol: /^https?$/ })
      .max(2048)
      .meta({ description: 'Where Chatwoot runs, e.g. https://app.chatwoot.com' }),
    account_id: z.coerce
      .number()
      .int()
      .min(1)
      .meta({ description: 'The Chatwoot account id (in its dashboard URLs).' }),
    bot_token: z.string().trim().min(1).max(256).meta({ description: 'The agent bot’s access token.' }),
    webhook_secret: z
      .string()
      .trim()
      .min(1)
      .max(256)
      .optional()
      .meta({ description: 'When set, `X-Chatwoot-Signature` (HMAC of `timestamp.body`) is required on every event.' }),
  })
  .strict()
  .meta({ id: 'ChatwootSettings' });
export type ChatwootSettings = z.infer<typeof ChatwootSettings>;

export const chatwootSecretFields = ['bot_token', 'webhook_secret'] as const;
