import { z } from 'zod';

/**
 * What a Evolution account stores (zod only: the console's Settings → Channels form validates with it).
 * Credentials, sealed at rest and shown only as `has_<field>`: `evolutionSecretFields`.
 */
export const EvolutionSettings = z
  .object({
    base_url: z
      .url({ protocol: /^https?$/ })
      .max(2048)
      .meta({ description: 'Where the Evolution API server runs.' }),
    instance: z.string().trim().min(1).max(200).meta({ description: 'The instance name.' }),
    api_key: z
      .string()
      .trim()
      .min(1)
      .max(256)
      .meta({ description: 'The instance’s API key: sent by Evolution as `apikey` in every webhook body.' }),
  })
  .strict()
  .meta({ id: 'EvolutionSettings' });
export type EvolutionSettings = z.infer<typeof EvolutionSettings>;

export const evolutionSecretFields = ['api_key'] as const;
