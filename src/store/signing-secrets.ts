import type { ChannelAccount } from '../domain/model.js';
import type { SealedSecret, SecretBox } from '../lib/secret-box.js';
import { sealedSecretFields, secretLocation, type SealedSecretField } from './sealed-secrets.js';

/** The secret that signs the channel account's outbound hook calls (replies, typing). */
export function hookSecretOf(
  secretBox: SecretBox,
  account: Pick<ChannelAccount, '_id' | 'outboundHookSecret'>,
): string {
  return secretBox.open(
    account.outboundHookSecret,
    secretLocation(sealedSecretFields.channelAccountHookSecret, account._id),
  );
}

/**
 * The secret that signs calls to an endpoint with a secret of its own (a takeover webhook, a
 * calendar's booking URL). One saved before endpoints had their own keeps the channel account's
 * hook secret, which its receiver verifies today, until its secret is rotated (docs/operations.md).
 */
export function endpointSecretOf(
  secretBox: SecretBox,
  own: { sealed: SealedSecret | null | undefined; field: SealedSecretField; id: string },
  account: Pick<ChannelAccount, '_id' | 'outboundHookSecret'>,
): string {
  return own.sealed ? secretBox.open(own.sealed, secretLocation(own.field, own.id)) : hookSecretOf(secretBox, account);
}
