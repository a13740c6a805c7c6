import { newId } from '../domain/ids.js';
import { notFound } from '../domain/errors.js';
import { nativeChannels } from '../channels/index.js';
import type {
  ApiKeyScope,
  ChannelAccount,
  ChannelType,
  NativeChannelType,
  StoredProviderSettings,
} from '../domain/model.js';
import { assertOutboundTarget, generateSigningSecret } from '../lib/outbound-http.js';
import type { SecretBox } from '../lib/secret-box.js';
import type { Collections } from '../store/database.js';
import { issueApiKey } from './api-keys.js';

export interface CreateChannelAccountCommand {
  organizationId: string;
  name: string;
  type: ChannelType;
  /** Hook channels: where replies go. */
  outboundHookUrl?: string | undefined;
  /** Native channels: the provider's settings object, validated by its schema. */
  providerSettings?: Record<string, unknown> | undefined;
  /** IANA time zone of the business on this channel (default UTC). */
  timezone?: string;
}

/** The organization's channel account, or 404: another organization's id is indistinguishable from none. */
export async function findChannelAccount(
  channelAccounts: Collections['channelAccounts'],
  organizationId: string,
  accountId: string,
): Promise<ChannelAccount> {
  const account = await channelAccounts.findOne({ _id: accountId, organizationId });
  if (!account) throw notFound('Channel account');
  return account;
}

/** What an account token may do: post the account's inbound messages and use the AI test route. */
const accountTokenScopes: ApiKeyScope[] = ['messages.ingest', 'ai.test'];

/**
 * Issues a new account token for a channel account and revokes the ones before it. Shown once;
 * only its hash is stored.
 */
export async function rotateAccountToken(apiKeys: Collections['apiKeys'], account: ChannelAccount): Promise<string> {
  const issued = await issueApiKey(apiKeys, {
    organizationId: account.organizationId,
    name: `account token: ${account.name}`,
    scopes: accountTokenScopes,
    channelAccountId: account._id,
  });
  await apiKeys.updateMany(
    {
      organizationId: account.organizationId,
      channelAccountId: account._id,
      revokedAt: null,
      _id: { $ne: issued.record._id },
    },
    { $set: { revokedAt: new Date() } },
  );
  return issued.key;
}

/**
 * Registers a channel integration. Its hook signing secret and its account token are generated
 * here and returned once: the secret (stored encrypted) verifies our `webhook-signature` headers,
 * the token (stored hashed) authenticates the integration's calls.
 */
export async function createChannelAccount(
  deps: {
    channelAccounts: Collections['channelAccounts'];
    apiKeys: Collections['apiKeys'];
    secretBox: SecretBox;
    allowPrivateNetwork: boolean;
  },
  command: CreateChannelAccountCommand,
): Promise<{ account: ChannelAccount; hookSecret: string; accountToken: string }> {
  let providerSettings: StoredProviderSettings | null = null;
  if (command.providerSettings) {
    providerSettings = await sealProviderSettings(deps, command.type as NativeChannelType, command.providerSettings);
  } else {
    await assertOutboundTarget(command.outboundHookUrl ?? '', deps.allowPrivateNetwork, 'outbound_hook_url');
  }
  const hookSecret = generateSigningSecret();
  const account: ChannelAccount = {
    _id: newId(),
    organizationId: command.organizationId,
    name: command.name,
    type: command.type,
    outboundHookUrl: command.outboundHookUrl ?? null,
    providerSettings,
    timezone: command.timezone ?? 'UTC',
    outboundHookSecret: deps.secretBox.seal(hookSecret),
    createdAt: new Date(),
  };
  await deps.channelAccounts.insertOne(account);
  const accountToken = await rotateAccountToken(deps.apiKeys, account);
  return { account, hookSecret, accountToken };
}

/**
 * A native account's settings as stored: URLs the service will call pass the outbound guard, and the
 * credentials are sealed together, apart from the fields that may be shown.
 */
async function sealProviderSettings(
  deps: { secretBox: SecretBox; allowPrivateNetwork: boolean },
  type: NativeChannelType,
  settings: Record<string, unknown>,
): Promise<StoredProviderSettings> {
  const channel = nativeChannels[type];
  for (const field of channel.urlFields) {
    await assertOutboundTarget(String(settings[field]), deps.allowPrivateNetwork, `${type}.${field}`);
  }
  const isSecret = (field: string) => channel.secretFields.includes(field);
  const entries = Object.entries(settings).filter(([, value]) => value !== undefined);
  const secrets = Object.fromEntries(entries.filter(([field]) => isSecret(field)));
  return {
    public: Object.fromEntries(entries.filter(([field]) => !isSecret(field))),
    secrets: deps.secretBox.seal(JSON.stringify(secrets)),
    secretFields: Object.keys(secrets),
  };
}
