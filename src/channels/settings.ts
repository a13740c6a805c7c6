import { z } from 'zod';
import { ChatwootSettings, chatwootSecretFields } from './chatwoot/settings.js';
import { EvolutionSettings, evolutionSecretFields } from './evolution/settings.js';
import { TelegramSettings, telegramSecretFields } from './telegram/settings.js';
import { WhatsAppCloudSettings, whatsAppCloudSecretFields } from './whatsapp-cloud/settings.js';

/**
 * Each native provider's settings and which of them are credentials, apart from the adapters (zod
 * only, no I/O): the console's Settings → Channels form validates a change with these same rules.
 * No import of the model either (it reaches server types); channels/index.ts checks the keys are
 * every `NativeChannelType`.
 */
export const nativeSettings = {
  whatsapp_cloud: { schema: WhatsAppCloudSettings, secretFields: whatsAppCloudSecretFields },
  telegram: { schema: TelegramSettings, secretFields: telegramSecretFields },
  chatwoot: { schema: ChatwootSettings, secretFields: chatwootSecretFields },
  evolution: { schema: EvolutionSettings, secretFields: evolutionSecretFields },
} satisfies Record<string, { schema: z.ZodObject; secretFields: readonly string[] }>;

/**
 * A native account's settings as a partial change (`PATCH /v1/accounts/{id}`, credential rotation):
 * every field optional and no default filled in, so an absent field keeps its stored value; `null`
 * clears an optional field (back to its default). The merged whole is checked by `settingsSchema`.
 */
export function settingsChangeSchema(type: keyof typeof nativeSettings) {
  // Every provider's settings schema is a strict object (see the adapters).
  const { shape } = nativeSettings[type].schema as unknown as z.ZodObject<Record<string, z.ZodType>>;
  const fields = Object.entries(shape).map(([field, schema]) => {
    const withoutDefault: z.ZodType = schema instanceof z.ZodDefault ? (schema.removeDefault() as z.ZodType) : schema;
    return [field, schema.isOptional() ? withoutDefault.nullable().optional() : withoutDefault.optional()];
  });
  return z.object(Object.fromEntries(fields) as Record<string, z.ZodOptional>).strict();
}
