import { newId } from '../domain/ids.js';
import { badRequest, notFound, unprocessable } from '../domain/errors.js';
import { nativeChannels, openProviderSettings } from '../channels/index.js';
import type {
  ApiKeyScope,
  ChannelAccount,
  ChannelType,
  NativeChannelType,
  StoredProviderSettings,
} from '../domain/model.js';
import { generateSigningSecret } from '../lib/outbound-http.js';
import { assertOutboundTarget } from './outbound-targets.js';
import type { SecretBox } from '../lib/secret-box.js';
import type { AuditActor } from '../domain/audit.js';
import type { ApiKeyRepository } from '../store/api-keys.js';
import type { ChannelAccountRepository } from '../store/channel-accounts.js';
import type { Repositories } from '../store/repositories.js';
import { sealedSecretFields, secretLocation } from '../store/sealed-secrets.js';
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
  /** Whether a closed conversation reopens when the contact writes again (default true). */
  reopenOnInbound?: boolean;
  /** Replies sent paragraph by paragraph (default false) and their typing pace (null: the service's). */
  splitMessages?: boolean;
  typingMsPerCharacter?: number | null;
}

/** The organization's channel account, or 404: another organization's id is indistinguishable from none. */
export async function requireChannelAccount(
  channelAccounts: ChannelAccountRepository,
  organizationId: string,
  accountId: string,
): Promise<ChannelAccount> {
  const account = await channelAccounts.findInOrganization(organizationId, accountId);
  if (!account) throw notFound('Channel account');
  return account;
}

/** The organization's channel accounts, newest first. */
export class ListChannelAccounts {
  constructor(private readonly channelAccounts: ChannelAccountRepository) {}

  execute({ organizationId }: { organizationId: string }): Promise<ChannelAccount[]> {
    return this.channelAccounts.listForOrganization(organizationId);
  }
}

/** One channel account of the organization, or 404. */
export class GetChannelAccount {
  constructor(private readonly channelAccounts: ChannelAccountRepository) {}

  async execute({ organizationId, accountId }: { organizationId: string; accountId: string }): Promise<ChannelAccount> {
    return requireChannelAccount(this.channelAccounts, organizationId, accountId);
  }
}

/** What an account token may do: post the account's inbound messages and use the AI test route. */
const accountTokenScopes: ApiKeyScope[] = ['messages.ingest', 'ai.test'];

/**
 * Issues a new account token for a channel account and revokes the ones before it. Shown once;
 * only its hash is stored.
 */
export async function rotateAccountToken(apiKeys: ApiKeyRepository, account: ChannelAccount): Promise<string> {
  const issued = await issueApiKey(apiKeys, {
    organizationId: account.organizationId,
    name: `account token: ${account.name}`,
    scopes: accountTokenScopes,
    channelAccountId: account._id,
  });
  await apiKeys.revokeAccountTokensExcept(account.organizationId, account._id, issued.record._id, new Date());
  return issued.key;
}

/**
 * Registers a channel integration. Its hook signing secret and its account token are generated
 * here and returned once: the secret (stored encrypted) verifies our `webhook-signature` headers,
 * the token (stored hashed) authenticates the integration's calls.
 */
export async function createChannelAccount(
  deps: ChannelAccountDeps,
  command: CreateChannelAccountCommand,
  actor: AuditActor,
): Promise<{ account: ChannelAccount; hookSecret: string; accountToken: string }> {
  const accountId = newId();
  let providerSettings: StoredProviderSettings | null = null;
  if (command.providerSettings) {
    providerSettings = await sealProviderSettings(
      deps,
      accountId,
      command.type as NativeChannelType,
      command.providerSettings,
    );
  } else {
    await assertOutboundTarget(command.outboundHookUrl ?? '', deps.allowPrivateNetwork, 'outbound_hook_url');
  }
  const hookSecret = generateSigningSecret();
  const account: ChannelAccount = {
    _id: accountId,
    organizationId: command.organizationId,
    name: command.name,
    type: command.type,
    outboundHookUrl: command.outboundHookUrl ?? null,
    providerSettings,
    timezone: command.timezone ?? 'UTC',
    reopenOnInbound: command.reopenOnInbound ?? true,
    splitMessages: command.splitMessages ?? false,
    typingMsPerCharacter: command.typingMsPerCharacter ?? null,
    outboundHookSecret: deps.secretBox.seal(
      hookSecret,
      secretLocation(sealedSecretFields.channelAccountHookSecret, accountId),
    ),
    createdAt: new Date(),
  };
  const { channelAccounts, apiKeys, auditLog } = deps.store;
  await channelAccounts.insert(account);
  const accountToken = await rotateAccountToken(apiKeys, account);
  await auditLog.record({
    organizationId: account.organizationId,
    actor,
    action: 'channel_account.created',
    target: { type: 'channel_account', id: account._id },
    before: null,
    after: account,
  });
  return { account, hookSecret, accountToken };
}

export interface UpdateChannelAccountCommand {
  name?: string | undefined;
  timezone?: string | undefined;
  reopenOnInbound?: boolean | undefined;
  splitMessages?: boolean | undefined;
  /** null: back to the service's `TYPING_MS_PER_CHARACTER`. */
  typingMsPerCharacter?: number | null | undefined;
  /**
   * A native account's settings to change, under the name of its type (another type's is refused):
   * the given fields replace the stored ones (credentials rotated), `null` clears an optional one.
   */
  providerSettings?: Partial<Record<NativeChannelType, Record<string, unknown>>> | undefined;
}

/**
 * Renames an account, sets its time zone or reopening, or changes a native account's settings
 * (rotates its credentials). Everything is checked before the one write: a refused change stores
 * nothing. Webhooks and sends read the account on every call, so the next one uses the new values.
 */
export async function updateChannelAccount(
  deps: ChannelAccountDeps,
  organizationId: string,
  accountId: string,
  { providerSettings: settingsChanges, ...change }: UpdateChannelAccountCommand,
  actor: AuditActor,
): Promise<ChannelAccount> {
  const { channelAccounts, auditLog } = deps.store;
  const before = await requireChannelAccount(channelAccounts, organizationId, accountId);
  const set: Partial<ChannelAccount> = Object.fromEntries(
    Object.entries(change).filter(([, value]) => value !== undefined),
  );
  const settingsChange = settingsChangeFor(before, settingsChanges ?? {});
  if (settingsChange) set.providerSettings = await changedProviderSettings(deps, before, settingsChange);
  const after = await channelAccounts.update(organizationId, accountId, set);
  if (!after) throw notFound('Channel account');
  const audited = (account: ChannelAccount) => ({
    name: account.name,
    timezone: account.timezone ?? 'UTC',
    reopenOnInbound: account.reopenOnInbound ?? true,
    splitMessages: account.splitMessages ?? false,
    typingMsPerCharacter: account.typingMsPerCharacter ?? null,
    ...(settingsChange && account.providerSettings
      ? { settings: { ...account.providerSettings.public, credentials: account.providerSettings.secretFields } }
      : {}),
  });
  await auditLog.record({
    organizationId,
    actor,
    action: 'channel_account.updated',
    target: { type: 'channel_account', id: accountId },
    before: audited(before),
    after: {
      ...audited(after),
      // Which credentials this change wrote (their values never reach the log).
      ...(settingsChange ? { credentialsReplaced: credentialFieldsIn(settingsChange) } : {}),
    },
  });
  return after;
}

interface SettingsChange {
  type: NativeChannelType;
  change: Record<string, unknown>;
}

/** The change of the account's own settings, if any; settings named after another type are refused (422). */
function settingsChangeFor(
  account: ChannelAccount,
  changes: Partial<Record<NativeChannelType, Record<string, unknown>>>,
): SettingsChange | undefined {
  for (const type of Object.keys(changes) as NativeChannelType[]) {
    if (account.providerSettings && account.type === type) continue;
    const itsOwn = account.providerSettings
      ? `its settings are \`${account.type}\``
      : 'a hook channel has no provider settings';
    throw unprocessable(type, `is not this account’s settings: it is a ${account.type} account (${itsOwn})`);
  }
  const change = changes[account.type as NativeChannelType];
  return change ? { type: account.type as NativeChannelType, change } : undefined;
}

const credentialFieldsIn = ({ type, change }: SettingsChange) =>
  Object.keys(change).filter((field) => nativeChannels[type].secretFields.includes(field));

/**
 * The account's settings with `change` applied, checked whole by the provider's schema and sealed
 * again; a change that leaves the settings invalid is refused (400, naming the field).
 */
async function changedProviderSettings(
  deps: { secretBox: SecretBox; allowPrivateNetwork: boolean },
  account: ChannelAccount,
  { type, change }: SettingsChange,
): Promise<StoredProviderSettings> {
  const merged = Object.fromEntries(
    Object.entries({ ...openProviderSettings(account, deps.secretBox), ...change }).filter(
      ([, value]) => value !== null && value !== undefined,
    ),
  );
  const parsed = nativeChannels[type].settingsSchema.safeParse(merged);
  if (!parsed.success) {
    throw badRequest(
      'Invalid request body',
      parsed.error.issues.map((issue) => ({
        in: 'request body',
        path: [type, ...issue.path].join('.'),
        message: issue.message,
      })),
    );
  }
  return sealProviderSettings(deps, account._id, type, parsed.data as Record<string, unknown>);
}

/** The account token rotation an admin asks for (the previous token stops working). */
export async function rotateChannelAccountToken(
  { channelAccounts, apiKeys, auditLog }: ChannelAccountDeps['store'],
  organizationId: string,
  accountId: string,
  actor: AuditActor,
): Promise<string> {
  const account = await requireChannelAccount(channelAccounts, organizationId, accountId);
  const token = await rotateAccountToken(apiKeys, account);
  await auditLog.record({
    organizationId,
    actor,
    action: 'channel_account.token_rotated',
    target: { type: 'channel_account', id: accountId },
    before: null,
    after: null,
  });
  return token;
}

/**
 * A native account's settings as stored: URLs the service will call pass the outbound guard, and the
 * credentials are sealed together, apart from the fields that may be shown.
 */
async function sealProviderSettings(
  deps: { secretBox: SecretBox; allowPrivateNetwork: boolean },
  accountId: string,
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
    secrets: deps.secretBox.seal(
      JSON.stringify(secrets),
      secretLocation(sealedSecretFields.channelAccountProviderSecrets, accountId),
    ),
    secretFields: Object.keys(secrets),
  };
}

/** What the channel account use cases are built from. */
export interface ChannelAccountDeps {
  store: Pick<Repositories, 'channelAccounts' | 'apiKeys' | 'auditLog'>;
  secretBox: SecretBox;
  allowPrivateNetwork: boolean;
}

/** Registers a channel integration (see `createChannelAccount`). */
export class CreateChannelAccount {
  constructor(private readonly deps: ChannelAccountDeps) {}

  execute({ actor, ...command }: CreateChannelAccountCommand & { actor: AuditActor }) {
    return createChannelAccount(this.deps, command, actor);
  }
}

/** Changes a channel account (see `updateChannelAccount`). */
export class UpdateChannelAccount {
  constructor(private readonly deps: ChannelAccountDeps) {}

  execute({
    organizationId,
    accountId,
    actor,
    ...change
  }: UpdateChannelAccountCommand & { organizationId: string; accountId: string; actor: AuditActor }) {
    return updateChannelAccount(this.deps, organizationId, accountId, change, actor);
  }
}

/** The account token rotation an admin asks for (the previous token stops working). */
export class RotateChannelAccountToken {
  constructor(private readonly store: ChannelAccountDeps['store']) {}

  execute({ organizationId, accountId, actor }: { organizationId: string; accountId: string; actor: AuditActor }) {
    return rotateChannelAccountToken(this.store, organizationId, accountId, actor);
  }
}
