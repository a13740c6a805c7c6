import type { ChannelAccount, NativeChannelType } from '../domain/model.js';
import type { SecretBox } from '../lib/secret-box.js';
import { sealedSecretFields, secretLocation } from '../store/sealed-secrets.js';
import { hookSecretOf } from '../store/signing-secrets.js';
import type { NativeChannel, OutboundChannel } from './channel.js';
import { chatwootChannel } from './chatwoot/index.js';
import { evolutionChannel } from './evolution/index.js';
import { hookChannel } from './hook/index.js';
import { telegramChannel } from './telegram/index.js';
import { whatsappCloudChannel } from './whatsapp-cloud/index.js';

import { nativeSettings } from './settings.js';

export { settingsChangeSchema } from './settings.js';

// The settings module names every native type (it may not import the model, the console reads it).
nativeSettings satisfies Record<NativeChannelType, unknown>;

/** Every native provider by account type. */
export const nativeChannels: Record<NativeChannelType, NativeChannel<unknown>> = {
  whatsapp_cloud: whatsappCloudChannel,
  telegram: telegramChannel,
  chatwoot: chatwootChannel,
  evolution: evolutionChannel,
};

/** The native provider whose webhook path segment is `pathName` (`whatsapp-cloud`, `telegram`, …). */
export function nativeChannelAt(pathName: string): NativeChannel<unknown> | undefined {
  return Object.values(nativeChannels).find((channel) => channel.pathName === pathName);
}

/** A native account's settings with its credentials opened. */
export function openProviderSettings(account: ChannelAccount, secretBox: SecretBox): Record<string, unknown> {
  const stored = account.providerSettings;
  if (!stored) throw new Error(`channel account ${account._id} has no provider settings`);
  const secrets = secretBox.open(
    stored.secrets,
    secretLocation(sealedSecretFields.channelAccountProviderSecrets, account._id),
  );
  return { ...stored.public, ...(JSON.parse(secrets) as Record<string, unknown>) };
}

/** The channel an account sends through, with its settings: its native provider, or the outbound hook. */
export function channelOf(
  account: ChannelAccount,
  secretBox: SecretBox,
): { channel: OutboundChannel<unknown>; settings: unknown } {
  if (account.providerSettings) {
    return {
      channel: nativeChannels[account.type as NativeChannelType],
      settings: openProviderSettings(account, secretBox),
    };
  }
  if (!account.outboundHookUrl) throw new Error(`channel account ${account._id} has no outbound hook`);
  return {
    channel: hookChannel,
    settings: { url: account.outboundHookUrl, secret: hookSecretOf(secretBox, account) },
  };
}
