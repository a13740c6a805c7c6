import { z } from 'zod';

/**
 * What a Telegram account stores (zod only: the console's Settings → Channels form validates with it).
 * Credentials, sealed at rest and shown only as `has_<field>`: `telegramSecretFields`.
 */
export const TelegramSettings = z
  .object({
    bot_token: z.string().trim().min(1).max(200).meta({ description: 'The token @BotFather gave the bot.' }),
    secret_token: z
      .string()
      .regex(/^[A-Za-z0-9_-]{1,256}$/, '1-256 characters A-Z, a-z, 0-9, _ and -')
      .meta({ description: 'The `secret_token` given to `setWebhook`; Telegram sends it on every update.' }),
    api_base_url: z
      .url({ protocol: /^https?$/ })
      .max(2048)
      .default('https://api.telegram.org'),
  })
  .strict()
  .meta({ id: 'TelegramSettings' });
export type TelegramSettings = z.infer<typeof TelegramSettings>;

export const telegramSecretFields = ['bot_token', 'secret_token'] as const;
