import { z } from 'zod';

/**
 * What a WhatsAppCloud account stores (zod only: the console's Settings → Channels form validates with it).
 * Credentials, sealed at rest and shown only as `has_<field>`: `whatsAppCloudSecretFields`.
 */
export const WhatsAppCloudSettings = z
  .object({
    phone_number_id: z
      .string()
      .trim()
      .regex(/^\d{1,32}$/, 'the numeric id of the business phone number')
      .meta({ description: 'The business phone number’s id (not the number itself).', example: '106540352242922' }),
    access_token: z.string().trim().min(1).max(1024).meta({ description: 'A system-user access token.' }),
    app_secret: z.string().trim().min(1).max(256).meta({ description: 'The Meta app’s secret: signs every webhook.' }),
    verify_token: z
      .string()
      .trim()
      .min(1)
      .max(256)
      .meta({ description: 'Any string; paste the same into the app’s webhook “Verify token”.' }),
    api_base_url: z
      .url({ protocol: /^https?$/ })
      .max(2048)
      .default('https://graph.facebook.com/v21.0'),
    followup_template: z
      .object({ name: z.string().trim().min(1).max(512), language: z.string().trim().min(2).max(16) })
      .strict()
      .optional()
      .meta({
        description:
          'An approved message template sent instead of a free-form message outside the 24-hour customer-service window; without it such messages are skipped (`outside_customer_service_window`).',
      }),
  })
  .strict()
  .meta({ id: 'WhatsAppCloudSettings' });
export type WhatsAppCloudSettings = z.infer<typeof WhatsAppCloudSettings>;

export const whatsAppCloudSecretFields = ['access_token', 'app_secret', 'verify_token'] as const;
