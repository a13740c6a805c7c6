import type { Context } from 'koa';
import type { AiSettings, EffectiveAiConfig, EffectiveAiConfigSources } from '../../domain/ai-config.js';
import { chatAiModes } from '../../domain/ai-config.js';
import type { AiSettingsDocument } from '../../domain/model.js';
import { assertOutboundTarget } from '../../usecases/outbound-targets.js';
import type { AiSettingsPatch, AiSettingsScope, ChatAiSettingsView } from '../../usecases/ai-settings.js';
import type { UseCases } from '../../usecases/index.js';
import type { ApiDeps } from '../deps.js';
import { z } from '../openapi-zod.js';
import { auditActorOf, defineRoute, type Principal } from '../route.js';
import { ResourceId } from './common.js';

/** The seed's snake_case field names and the domain's names, one table for both directions. */
const settingFields = {
  enabled: 'enabled',
  base_url: 'baseUrl',
  api_key: 'apiKey',
  model_name: 'modelName',
  default_system_prompt: 'defaultSystemPrompt',
  temperature: 'temperature',
  max_tokens: 'maxTokens',
  timeout_seconds: 'timeoutSeconds',
  reply_delay_seconds: 'replyDelaySeconds',
  reply_to_private: 'replyToPrivate',
  reply_to_groups: 'replyToGroups',
  reply_to_channels: 'replyToChannels',
  echo_mode: 'echoMode',
} as const satisfies Record<string, keyof AiSettings>;

const settable = <T extends z.ZodType>(schema: T) => schema.nullable().optional();

const AiSettingsBody = z
  .object({
    enabled: settable(z.boolean()),
    base_url: settable(z.url({ protocol: /^https?$/ }).max(2048)).openapi({
      description:
        'OpenAI-compatible base URL; `${base_url}/chat/completions` is called. A URL other than the service’s needs an ' +
        '`api_key` of the organization’s own (this layer’s, or the global one for an account).',
    }),
    api_key: settable(z.string().min(1).max(512)).openapi({ description: 'Stored encrypted; never returned.' }),
    model_name: settable(z.string().trim().min(1).max(200)),
    default_system_prompt: settable(z.string().max(20_000)),
    temperature: settable(z.number().min(0).max(2)),
    max_tokens: settable(z.number().int().min(1).max(32_768)),
    timeout_seconds: settable(z.number().int().min(1).max(600)),
    reply_delay_seconds: settable(z.number().min(0).max(3600)),
    reply_to_private: settable(z.boolean()),
    reply_to_groups: settable(z.boolean()),
    reply_to_channels: settable(z.boolean()),
    echo_mode: settable(z.boolean()),
  })
  .strict()
  .openapi('AiSettingsUpdate', {
    description:
      'Fields you send are set; `null` clears a field (the next layer applies); omitted fields keep their value.',
  });

const AiSettingsView = z
  .object({
    enabled: z.boolean().nullable(),
    base_url: z.string().nullable(),
    has_api_key: z.boolean(),
    model_name: z.string().nullable(),
    default_system_prompt: z.string().nullable(),
    temperature: z.number().nullable(),
    max_tokens: z.number().nullable(),
    timeout_seconds: z.number().nullable(),
    reply_delay_seconds: z.number().nullable(),
    reply_to_private: z.boolean().nullable(),
    reply_to_groups: z.boolean().nullable(),
    reply_to_channels: z.boolean().nullable(),
    echo_mode: z.boolean().nullable(),
    updated_at: z.string().nullable(),
  })
  .openapi('AiSettings', { description: 'One layer; `null` means not set here (the next layer applies).' });

function layerView(document: AiSettingsDocument | null): z.infer<typeof AiSettingsView> {
  const settings = document?.settings ?? {};
  const view: Record<string, unknown> = {
    has_api_key: Boolean(settings.apiKey),
    updated_at: document?.updatedAt.toISOString() ?? null,
  };
  for (const [apiName, field] of Object.entries(settingFields)) {
    if (field !== 'apiKey') view[apiName] = settings[field] ?? null;
  }
  return view as z.infer<typeof AiSettingsView>;
}

function patchFrom(body: z.infer<typeof AiSettingsBody>): AiSettingsPatch {
  const patch: Record<string, unknown> = {};
  for (const [apiName, field] of Object.entries(settingFields)) patch[field] = body[apiName as keyof typeof body];
  return patch;
}

const Source = z.enum(['chat', 'account', 'global', 'environment']);
const effectiveEntry = <T extends z.ZodType>(value: T) => z.object({ value, source: Source });
const EffectiveView = z
  .object({
    enabled: effectiveEntry(z.boolean()),
    chat_mode: effectiveEntry(z.enum(chatAiModes)),
    base_url: effectiveEntry(z.string()),
    has_api_key: effectiveEntry(z.boolean()),
    model_name: effectiveEntry(z.string()),
    system_prompt: effectiveEntry(z.string()),
    temperature: effectiveEntry(z.number()),
    max_tokens: effectiveEntry(z.number()),
    timeout_seconds: effectiveEntry(z.number()),
    reply_delay_seconds: effectiveEntry(z.number()),
    reply_to_private: effectiveEntry(z.boolean()),
    reply_to_groups: effectiveEntry(z.boolean()),
    reply_to_channels: effectiveEntry(z.boolean()),
    echo_mode: effectiveEntry(z.boolean()),
  })
  .openapi('EffectiveAiConfig', { description: 'The configuration in force and the layer each value comes from.' });

function effectiveView(config: EffectiveAiConfig, sources: EffectiveAiConfigSources): z.infer<typeof EffectiveView> {
  const entry = <K extends keyof EffectiveAiConfigSources>(field: K) => ({
    value: config[field],
    source: sources[field],
  });
  return {
    enabled: entry('enabled'),
    chat_mode: entry('chatMode'),
    base_url: entry('baseUrl'),
    has_api_key: { value: Boolean(config.apiKey), source: sources.apiKey },
    model_name: entry('modelName'),
    system_prompt: entry('systemPrompt'),
    temperature: entry('temperature'),
    max_tokens: entry('maxTokens'),
    timeout_seconds: entry('timeoutSeconds'),
    reply_delay_seconds: entry('replyDelaySeconds'),
    reply_to_private: entry('replyToPrivate'),
    reply_to_groups: entry('replyToGroups'),
    reply_to_channels: entry('replyToChannels'),
    echo_mode: entry('echoMode'),
  };
}

const ChatAiBody = z
  .object({
    mode: z.enum(chatAiModes),
    custom_system_prompt: z.string().max(20_000).nullable().optional(),
  })
  .strict()
  .openapi('ChatAiSettingsUpdate');

const ChatAiView = z
  .object({
    mode: z.enum(chatAiModes),
    custom_system_prompt: z.string().nullable(),
    effective: EffectiveView,
  })
  .openapi('ChatAiSettings');

/** A chat's id on its channel (a path segment and the AI test's `chat_id`). */
export const ChatId = z.string().trim().min(1).max(256);
const AccountParams = z.object({ accountId: ResourceId });
const ChatParams = z.object({ accountId: ResourceId, chatId: ChatId });

const settingsErrors = {
  400: { description: 'Invalid body' },
  401: { description: 'Missing or invalid admin credentials' },
  404: { description: 'No such account in this organization' },
};

const layerErrors = {
  ...settingsErrors,
  422: {
    description:
      '`provider_key_required`: `base_url` is not the service’s provider and no layer of the organization has an ' +
      '`api_key` to send there (the service’s key only goes to its own provider)',
  },
};

/** Seed 002's AI settings layers (global, account, chat) and the configuration in force. */
export function aiSettingsRoutes({ config }: ApiDeps, useCases: UseCases) {
  /** A provider URL is an outbound target like a hook: the same private-network guard applies. */
  async function updateLayer(
    principal: Principal,
    ctx: Context,
    scope: AiSettingsScope,
    body: z.infer<typeof AiSettingsBody>,
  ) {
    if (body.base_url) {
      await assertOutboundTarget(body.base_url, config.outbound.allowPrivateNetwork, 'base_url');
    }
    return layerView(
      await useCases.updateAiSettingsLayer.execute({
        organizationId: principal.organizationId,
        scope,
        patch: patchFrom(body),
        actor: auditActorOf(principal, ctx),
      }),
    );
  }

  /** A chat's own settings (`inherit` when it has none) and the configuration in force for it. */
  function chatView({
    settings,
    resolved: { config: effective, sources },
  }: ChatAiSettingsView): z.infer<typeof ChatAiView> {
    return {
      mode: settings?.mode ?? 'inherit',
      custom_system_prompt: settings?.customSystemPrompt ?? null,
      effective: effectiveView(effective, sources),
    };
  }

  return [
    defineRoute({
      method: 'put',
      path: '/v1/ai/global',
      operationId: 'updateGlobalAiSettings',
      summary: 'Set the organization-wide AI settings (the global layer)',
      tags: ['AI configuration'],
      auth: { scopes: ['admin'] },
      request: { body: AiSettingsBody },
      responses: {
        200: { description: 'The global layer after the change', schema: AiSettingsView },
        ...layerErrors,
      },
      handle: async ({ ctx, principal, body }) => ({
        status: 200,
        body: await updateLayer(principal, ctx, { kind: 'global' }, body),
      }),
    }),
    defineRoute({
      method: 'get',
      path: '/v1/ai/global',
      operationId: 'getGlobalAiSettings',
      summary: 'The organization-wide AI settings (never the API key: `has_api_key`)',
      tags: ['AI configuration'],
      auth: { scopes: ['admin'] },
      responses: { 200: { description: 'The global layer', schema: AiSettingsView }, 401: settingsErrors[401] },
      handle: async ({ principal }) => ({
        status: 200,
        body: layerView(
          await useCases.getAiSettingsLayer.execute({
            organizationId: principal.organizationId,
            scope: { kind: 'global' },
          }),
        ),
      }),
    }),
    defineRoute({
      method: 'get',
      path: '/v1/ai/effective',
      operationId: 'getEffectiveAiConfig',
      summary: 'The AI configuration in force for the organization, an account or a chat, with each value’s layer',
      description:
        'Without `account_id`: what an account with no settings of its own gets (global layer over the environment). ' +
        'With `account_id`: that account’s. With `chat_id` too: that chat’s, as `GET /v1/accounts/{accountId}/chats/{chatId}/ai` ' +
        'shows it. `source` names the layer each value comes from: `chat`, `account`, `global` or `environment`.',
      tags: ['AI configuration'],
      auth: { scopes: ['admin'] },
      request: {
        query: z
          .object({ account_id: ResourceId.optional(), chat_id: ChatId.optional() })
          .refine((query) => !query.chat_id || query.account_id, {
            message: 'chat_id needs account_id',
            path: ['chat_id'],
          }),
      },
      responses: {
        200: { description: 'The configuration in force and the layer of each value', schema: EffectiveView },
        401: settingsErrors[401],
        404: settingsErrors[404],
      },
      async handle({ principal, query }) {
        const { config: effective, sources } = await useCases.resolveAiConfig.execute({
          organizationId: principal.organizationId,
          channelAccountId: query.account_id ?? null,
          chatId: query.chat_id ?? null,
        });
        return { status: 200, body: effectiveView(effective, sources) };
      },
    }),
    defineRoute({
      method: 'put',
      path: '/v1/accounts/{accountId}/ai',
      operationId: 'updateAccountAiSettings',
      summary: 'Set one channel account’s AI settings (overrides the global layer)',
      tags: ['AI configuration'],
      auth: { scopes: ['admin'] },
      request: { params: AccountParams, body: AiSettingsBody },
      responses: {
        200: { description: 'The account layer after the change', schema: AiSettingsView },
        ...layerErrors,
      },
      handle: async ({ ctx, principal, params, body }) => ({
        status: 200,
        body: await updateLayer(principal, ctx, { kind: 'account', channelAccountId: params.accountId }, body),
      }),
    }),
    defineRoute({
      method: 'get',
      path: '/v1/accounts/{accountId}/ai',
      operationId: 'getAccountAiSettings',
      summary: 'One channel account’s AI settings',
      tags: ['AI configuration'],
      auth: { scopes: ['admin'] },
      request: { params: AccountParams },
      responses: {
        200: { description: 'The account layer', schema: AiSettingsView },
        401: settingsErrors[401],
        404: settingsErrors[404],
      },
      handle: async ({ principal, params }) => ({
        status: 200,
        body: layerView(
          await useCases.getAiSettingsLayer.execute({
            organizationId: principal.organizationId,
            scope: { kind: 'account', channelAccountId: params.accountId },
          }),
        ),
      }),
    }),
    defineRoute({
      method: 'put',
      path: '/v1/accounts/{accountId}/chats/{chatId}/ai',
      operationId: 'updateChatAiSettings',
      summary: 'Per-chat AI mode (inherit | enabled | disabled) and custom system prompt',
      description:
        '`disabled`: the AI never answers this chat. `enabled`: it answers even when the chat’s type is off in `reply_to_*` ' +
        '(it still needs AI switched on for the account and organization). `inherit`: the account and global rules apply.',
      tags: ['AI configuration'],
      auth: { scopes: ['admin'] },
      request: { params: ChatParams, body: ChatAiBody },
      responses: {
        200: { description: 'The chat settings and the configuration now in force', schema: ChatAiView },
        ...settingsErrors,
      },
      async handle({ ctx, principal, params, body }) {
        const chat = await useCases.setChatAiSettings.execute({
          organizationId: principal.organizationId,
          channelAccountId: params.accountId,
          chatId: params.chatId,
          settings: { mode: body.mode, customSystemPrompt: body.custom_system_prompt ?? null },
          actor: auditActorOf(principal, ctx),
        });
        return { status: 200, body: chatView(chat) };
      },
    }),
    defineRoute({
      method: 'get',
      path: '/v1/accounts/{accountId}/chats/{chatId}/ai',
      operationId: 'getChatAiSettings',
      summary: 'A chat’s AI settings and its effective configuration, with the layer each value comes from',
      tags: ['AI configuration'],
      auth: { scopes: ['admin'] },
      request: { params: ChatParams },
      responses: {
        200: { description: 'Chat settings and effective configuration', schema: ChatAiView },
        401: settingsErrors[401],
        404: settingsErrors[404],
      },
      async handle({ principal, params }) {
        const chat = await useCases.getChatAiSettings.execute({
          organizationId: principal.organizationId,
          channelAccountId: params.accountId,
          chatId: params.chatId,
        });
        return { status: 200, body: chatView(chat) };
      },
    }),
  ];
}
