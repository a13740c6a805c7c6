import type { Db } from 'mongodb';
import type { SealedSecret, SecretBox, SecretLocation } from '../lib/secret-box.js';

/**
 * Every stored field that holds a sealed secret. Each secret is sealed for its location (this
 * collection and field, plus the document's `_id`), and `reseal-secrets` walks this list.
 */
export const sealedSecretFields = {
  channelAccountHookSecret: { collection: 'channel_accounts', field: 'outboundHookSecret' },
  channelAccountProviderSecrets: { collection: 'channel_accounts', field: 'providerSettings.secrets' },
  takeoverWebhookHeaders: { collection: 'channel_accounts', field: 'humanTakeoverWebhook.headers' },
  takeoverWebhookSigningSecret: { collection: 'channel_accounts', field: 'humanTakeoverWebhook.signingSecret' },
  aiSettingsApiKey: { collection: 'ai_settings', field: 'settings.apiKey' },
  webhookSubscriptionSecret: { collection: 'webhook_subscriptions', field: 'secret' },
  calendarSigningSecret: { collection: 'calendars', field: 'signingSecret' },
} as const;

export type SealedSecretField = (typeof sealedSecretFields)[keyof typeof sealedSecretFields];

/** The location a secret of this field in document `id` is sealed for. */
export const secretLocation = (field: SealedSecretField, id: string): SecretLocation => ({ ...field, id });

export interface ResealCount {
  collection: string;
  field: string;
  /** Sealed secrets found. */
  found: number;
  /** Re-sealed now (older key or no AAD). */
  resealed: number;
}

/**
 * Re-seals every stored secret with the first key of SECRETS_KEYS and its location as AAD: after a
 * key rotation (the old key can then leave SECRETS_KEYS) and once for secrets sealed before AAD.
 * Idempotent: current secrets are left alone. A secret changed concurrently (same field, new
 * value) is not overwritten: the update matches the sealed value it read.
 */
export async function resealSecrets(db: Db, secretBox: SecretBox): Promise<ResealCount[]> {
  const counts: ResealCount[] = [];
  for (const { collection, field } of Object.values(sealedSecretFields)) {
    const count: ResealCount = { collection, field, found: 0, resealed: 0 };
    const documents = db
      .collection<{ _id: string }>(collection)
      .find({ [field]: { $exists: true, $ne: null } }, { projection: { [field]: 1 } });
    for await (const document of documents) {
      const sealed = field
        .split('.')
        .reduce<unknown>((value, key) => (value as Record<string, unknown>)?.[key], document) as
        SealedSecret | undefined;
      if (!sealed?.ciphertext) continue;
      count.found += 1;
      if (!secretBox.isOutdated(sealed)) continue;
      const location = secretLocation({ collection, field } as SealedSecretField, document._id);
      const resealed = secretBox.seal(secretBox.open(sealed, location), location);
      const result = await db
        .collection<{ _id: string }>(collection)
        .updateOne({ _id: document._id, [`${field}.iv`]: sealed.iv }, { $set: { [field]: resealed } });
      count.resealed += result.modifiedCount;
    }
    counts.push(count);
  }
  return counts;
}
