import { newId } from '../domain/ids.js';
import { badRequest } from '../domain/errors.js';
import type { ChannelAccount, ChannelType } from '../domain/model.js';
import { checkHookUrl, generateSigningSecret } from '../lib/outbound-http.js';
import type { SecretBox } from '../lib/secret-box.js';
import type { Collections } from '../store/database.js';

export interface CreateChannelAccountCommand {
  organizationId: string;
  name: string;
  type: ChannelType;
  outboundHookUrl: string;
}

/**
 * Registers a channel integration. Its hook signing secret is generated here, stored encrypted and
 * returned once, for the integration to verify our `webhook-signature` headers.
 */
export async function createChannelAccount(
  deps: { channelAccounts: Collections['channelAccounts']; secretBox: SecretBox; allowPrivateNetwork: boolean },
  command: CreateChannelAccountCommand,
): Promise<{ account: ChannelAccount; hookSecret: string }> {
  const problem = await checkHookUrl(command.outboundHookUrl, deps.allowPrivateNetwork);
  if (problem) {
    throw badRequest('Invalid request body', [{ in: 'request body', path: 'outbound_hook_url', message: problem }]);
  }
  const hookSecret = generateSigningSecret();
  const account: ChannelAccount = {
    _id: newId(),
    organizationId: command.organizationId,
    name: command.name,
    type: command.type,
    outboundHookUrl: command.outboundHookUrl,
    outboundHookSecret: deps.secretBox.seal(hookSecret),
    createdAt: new Date(),
  };
  await deps.channelAccounts.insertOne(account);
  return { account, hookSecret };
}
