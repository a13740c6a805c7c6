import { nativeChannels, settingsChangeSchema } from '../../channels/index.js';
import { AccountName, SplitMessages, TypingMsPerCharacter } from '../../domain/channel-account-schemas.js';
import {
  hookChannelTypes,
  nativeChannelTypes,
  type ChannelAccount,
  type NativeChannelType,
} from '../../domain/model.js';
import type { UseCases } from '../../usecases/index.js';
import { z } from '../openapi-zod.js';
import { auditActorOf, defineRoute } from '../route.js';
import { IanaTimeZone, ResourceId } from './common.js';

const channelTypes = [...hookChannelTypes, ...nativeChannelTypes] as const;

const AccountParams = z.object({ accountId: ResourceId });

const AccountTimeZone = IanaTimeZone.openapi({
  description: 'The business’s IANA time zone on this channel (follow-ups set to the location’s time zone)',
});

const ReopenOnInbound = z.boolean().openapi({
  description:
    'A closed conversation on this channel reopens when the contact writes again, and the bot answers (default true). False: it stays closed, the message is stored for the humans.',
});

/** The settings every account has, whatever its type: what create accepts and update changes. */
const accountSettings = {
  timezone: AccountTimeZone.default('UTC'),
  reopen_on_inbound: ReopenOnInbound.default(true),
  split_messages: SplitMessages.default(false),
  typing_ms_per_character: TypingMsPerCharacter.default(null),
};

/** A channel integration of the team's own: it posts to the ingest route and receives the outbound hook. */
const CreateHookAccountBody = z
  .object({
    name: AccountName,
    type: z.enum(hookChannelTypes),
    outbound_hook_url: z
      .url({ protocol: /^https?$/ })
      .max(2048)
      .openapi({
        description: 'Receives `message.send` events as signed JSON POSTs (Standard Webhooks headers).',
      }),
    ...accountSettings,
  })
  .strict()
  .openapi('CreateHookChannelAccount');

/** A native channel: `{type: "telegram", telegram: {…}}`, the settings object named after the type. */
function createNativeAccountBody<T extends NativeChannelType>(type: T) {
  return z
    .object({
      name: AccountName,
      type: z.literal(type),
      ...accountSettings,
    })
    .extend({ [type]: nativeChannels[type].settingsSchema } as Record<T, z.ZodType<Record<string, unknown>>>)
    .strict();
}

const CreateAccountBody = z
  .discriminatedUnion('type', [
    CreateHookAccountBody,
    createNativeAccountBody('whatsapp_cloud').openapi('CreateWhatsAppCloudAccount'),
    createNativeAccountBody('telegram').openapi('CreateTelegramAccount'),
    createNativeAccountBody('chatwoot').openapi('CreateChatwootAccount'),
    createNativeAccountBody('evolution').openapi('CreateEvolutionAccount'),
  ])
  .openapi('CreateChannelAccount');

/** Names of the OpenAPI components of each provider's settings change. */
const settingsChangeNames: Record<NativeChannelType, string> = {
  whatsapp_cloud: 'WhatsAppCloudSettingsChange',
  telegram: 'TelegramSettingsChange',
  chatwoot: 'ChatwootSettingsChange',
  evolution: 'EvolutionSettingsChange',
};

const UpdateAccountBody = z
  .object({
    name: AccountName.optional(),
    timezone: AccountTimeZone.optional(),
    reopen_on_inbound: ReopenOnInbound.optional(),
    ...(Object.fromEntries(
      nativeChannelTypes.map((type) => [
        type,
        settingsChangeSchema(type)
          .openapi(settingsChangeNames[type], {
            description: `\`${type}\` accounts only: the settings to change (credential rotation). Given fields replace the stored ones, absent ones are kept, \`null\` clears an optional one; credentials are sealed again and never returned.`,
          })
          .optional(),
      ]),
    ) as Record<NativeChannelType, z.ZodOptional<ReturnType<typeof settingsChangeSchema>>>),
    split_messages: SplitMessages.optional(),
    typing_ms_per_character: TypingMsPerCharacter.optional(),
  })
  .strict()
  .refine(
    (change) => Object.keys(change).length > 0,
    'send name, timezone, reopen_on_inbound, split_messages, typing_ms_per_character or the settings object named after the account’s type',
  )
  .openapi('UpdateChannelAccount');

const ChannelAccountView = z
  .object({
    id: z.string(),
    name: z.string(),
    type: z.enum(channelTypes),
    outbound_hook_url: z.string().nullable().openapi({ description: 'Hook channels only; null for native ones.' }),
    timezone: z.string(),
    reopen_on_inbound: z.boolean(),
    split_messages: z.boolean(),
    typing_ms_per_character: z
      .number()
      .int()
      .nullable()
      .openapi({ description: 'null: the service’s TYPING_MS_PER_CHARACTER' }),
    created_at: z.string(),
    webhook_path: z.string().nullable().openapi({
      description: 'Native channels: where the provider posts its webhooks (append it to the service’s public URL).',
    }),
    ...Object.fromEntries(
      nativeChannelTypes.map((type) => [
        type,
        z
          .record(z.string(), z.unknown())
          .optional()
          .openapi({ description: `\`${type}\` accounts: the settings, credentials shown only as \`has_<field>\`.` }),
      ]),
    ),
  })
  .openapi('ChannelAccount');

const AccountTokenField = z.string().openapi({
  description: 'The account token (`Authorization: Bearer …`) for ingest and `/v1/ai/chat/test`. Shown only here.',
});

const CreatedChannelAccountView = ChannelAccountView.extend({
  hook_secret: z.string().openapi({
    description: 'Secret for verifying `webhook-signature` on hook calls (Standard Webhooks). Shown only here.',
  }),
  account_token: AccountTokenField,
}).openapi('CreatedChannelAccount');

/** A native account's settings as anyone may read them: credentials only as `has_<field>`. */
function providerSettingsView(account: ChannelAccount) {
  const stored = account.providerSettings;
  if (!stored) return {};
  const channel = nativeChannels[account.type as NativeChannelType];
  const has = Object.fromEntries(
    channel.secretFields.map((field) => [`has_${field}`, stored.secretFields.includes(field)]),
  );
  return { [account.type]: { ...stored.public, ...has } };
}

const view = (account: ChannelAccount): z.infer<typeof ChannelAccountView> => ({
  id: account._id,
  name: account.name,
  type: account.type,
  outbound_hook_url: account.outboundHookUrl,
  timezone: account.timezone ?? 'UTC',
  reopen_on_inbound: account.reopenOnInbound ?? true,
  split_messages: account.splitMessages ?? false,
  typing_ms_per_character: account.typingMsPerCharacter ?? null,
  created_at: account.createdAt.toISOString(),
  webhook_path: account.providerSettings
    ? `/v1/channels/${nativeChannels[account.type as NativeChannelType].pathName}/${account._id}/webhook`
    : null,
  ...providerSettingsView(account),
});

export function accountRoutes({
  createChannelAccount,
  listChannelAccounts,
  getChannelAccount,
  updateChannelAccount,
  rotateChannelAccountToken,
}: UseCases) {
  return [
    defineRoute({
      method: 'post',
      path: '/v1/accounts',
      operationId: 'createChannelAccount',
      summary: 'Register a channel account (an integration’s hook, or WhatsApp Cloud, Telegram, Chatwoot, Evolution)',
      tags: ['Channel accounts'],
      auth: { scopes: ['admin'] },
      request: { body: CreateAccountBody },
      responses: {
        201: { description: 'Created; `hook_secret` is shown only in this answer', schema: CreatedChannelAccountView },
        400: { description: 'Invalid body' },
        401: { description: 'Missing or invalid API key' },
      },
      async handle({ ctx, principal, body }) {
        const { account, hookSecret, accountToken } = await createChannelAccount.execute({
          organizationId: principal.organizationId,
          name: body.name,
          type: body.type,
          ...('outbound_hook_url' in body
            ? { outboundHookUrl: body.outbound_hook_url }
            : { providerSettings: (body as unknown as Record<string, Record<string, unknown>>)[body.type] }),
          timezone: body.timezone,
          reopenOnInbound: body.reopen_on_inbound,
          splitMessages: body.split_messages,
          typingMsPerCharacter: body.typing_ms_per_character,
          actor: auditActorOf(principal, ctx),
        });
        return { status: 201, body: { ...view(account), hook_secret: hookSecret, account_token: accountToken } };
      },
    }),
    defineRoute({
      method: 'get',
      path: '/v1/accounts',
      operationId: 'listChannelAccounts',
      summary: 'List channel accounts',
      tags: ['Channel accounts'],
      auth: { scopes: ['admin'] },
      responses: { 200: { description: 'The organization’s channel accounts', schema: z.array(ChannelAccountView) } },
      async handle({ principal }) {
        const accounts = await listChannelAccounts.execute({ organizationId: principal.organizationId });
        return { status: 200, body: accounts.map(view) };
      },
    }),
    defineRoute({
      method: 'get',
      path: '/v1/accounts/{accountId}',
      operationId: 'getChannelAccount',
      summary: 'Get a channel account',
      tags: ['Channel accounts'],
      auth: { scopes: ['admin'] },
      request: { params: AccountParams },
      responses: {
        200: { description: 'The channel account', schema: ChannelAccountView },
        404: { description: 'No such account in this organization' },
      },
      handle: async ({ principal, params }) => ({
        status: 200,
        body: view(
          await getChannelAccount.execute({ organizationId: principal.organizationId, accountId: params.accountId }),
        ),
      }),
    }),
    defineRoute({
      method: 'patch',
      path: '/v1/accounts/{accountId}',
      operationId: 'updateChannelAccount',
      summary:
        'Rename a channel account, set its time zone, whether closed conversations reopen or how replies are typed, or change a native account’s settings (rotate its credentials)',
      tags: ['Channel accounts'],
      auth: { scopes: ['admin'] },
      request: { params: AccountParams, body: UpdateAccountBody },
      responses: {
        200: { description: 'The channel account after the change', schema: ChannelAccountView },
        400: {
          description:
            'Invalid body (an unknown time zone, typing_ms_per_character out of bounds, an unknown settings field, settings left invalid)',
        },
        404: { description: 'No such account in this organization' },
        422: { description: 'A settings object named after another type than the account’s' },
      },
      async handle({ ctx, principal, params, body }) {
        const account = await updateChannelAccount.execute({
          organizationId: principal.organizationId,
          accountId: params.accountId,
          name: body.name,
          timezone: body.timezone,
          reopenOnInbound: body.reopen_on_inbound,
          splitMessages: body.split_messages,
          typingMsPerCharacter: body.typing_ms_per_character,
          providerSettings: Object.fromEntries(
            nativeChannelTypes.filter((type) => body[type] !== undefined).map((type) => [type, body[type]]),
          ),
          actor: auditActorOf(principal, ctx),
        });
        return { status: 200, body: view(account) };
      },
    }),
    defineRoute({
      method: 'post',
      path: '/v1/accounts/{accountId}/token',
      operationId: 'rotateAccountToken',
      summary: 'Issue a new account token (the previous one stops working)',
      tags: ['Channel accounts'],
      auth: { scopes: ['admin'] },
      request: { params: AccountParams },
      responses: {
        201: { description: 'The new token, shown only here', schema: z.object({ account_token: AccountTokenField }) },
        404: { description: 'No such account in this organization' },
      },
      async handle({ ctx, principal, params }) {
        const token = await rotateChannelAccountToken.execute({
          organizationId: principal.organizationId,
          accountId: params.accountId,
          actor: auditActorOf(principal, ctx),
        });
        return { status: 201, body: { account_token: token } };
      },
    }),
  ];
}
