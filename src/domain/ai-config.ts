import type { ChatType } from './enums.js';

/**
 * The AI configuration of seed 002, in layers: chat → account → global → environment. Global is
 * per organization (every account of it); the environment is the service-wide default. Resolution
 * is one pure function, so every rule about who overrides whom lives here and is tested here.
 */

/** Settings every layer but the chat may set; `undefined` means "not set here, ask the next layer". */
export interface AiSettings {
  enabled: boolean;
  baseUrl: string;
  /** Opened secret at resolution time; stored sealed (see AiSettingsLayer). */
  apiKey: string;
  modelName: string;
  defaultSystemPrompt: string;
  temperature: number;
  maxTokens: number;
  timeoutSeconds: number;
  replyDelaySeconds: number;
  replyToPrivate: boolean;
  replyToGroups: boolean;
  replyToChannels: boolean;
  echoMode: boolean;
}

export type AiSettingsLayer = Partial<AiSettings>;

export const chatAiModes = ['inherit', 'enabled', 'disabled'] as const;
export type ChatAiMode = (typeof chatAiModes)[number];

export interface ChatAiSettings {
  mode: ChatAiMode;
  customSystemPrompt: string | null;
}

export type AiConfigSource = 'chat' | 'account' | 'global' | 'environment';

/**
 * The environment layer sets every field except the API key, which may be absent everywhere, and
 * says what the service's own key may be spent on.
 */
export type EnvironmentAiSettings = Omit<AiSettings, 'apiKey'> & {
  apiKey?: string | undefined;
  /** Models the service's key serves (`AI_ALLOWED_MODELS`); absent: any. */
  allowedModels?: readonly string[] | undefined;
  /** The most `max_tokens` a call on the service's key may ask for (`AI_MAX_TOKENS_LIMIT`); absent: no bound. */
  maxTokensLimit?: number | undefined;
};

export interface AiConfigLayers {
  environment: EnvironmentAiSettings;
  global: AiSettingsLayer | null;
  account: AiSettingsLayer | null;
  chat: ChatAiSettings | null;
}

/** Why the provider cannot be called with this configuration: the turn is skipped, the test routes answer 422. */
export interface ProviderProblem {
  code: 'no_api_key' | 'provider_key_required' | 'model_not_allowed';
  reason: string;
}

/**
 * The provider as one unit: where the request goes and whose key it carries. The service's key
 * (`AI_API_KEY`) only ever goes to the service's base URL (`AI_BASE_URL`).
 */
export interface ResolvedProvider {
  /** `service`: the operator's key at the operator's URL; `organization`: the organization's own key. */
  keyOwner: 'service' | 'organization' | null;
  /** The base URL is the service's own (operator-chosen, so not subject to the private-network guard). */
  atServiceBaseUrl: boolean;
  problem: ProviderProblem | null;
}

export interface EffectiveAiConfig extends Omit<AiSettings, 'apiKey' | 'defaultSystemPrompt'> {
  /** Set only when the provider may be called with it (see `provider`). */
  apiKey: string | undefined;
  /** The chat's custom prompt when it has one, else the default system prompt. */
  systemPrompt: string;
  chatMode: ChatAiMode;
  provider: ResolvedProvider;
}

export type EffectiveAiConfigSources = Record<Exclude<keyof EffectiveAiConfig, 'provider'>, AiConfigSource>;

export const NO_API_KEY_REASON = 'no API key configured';

const layeredFields = [
  'baseUrl',
  'modelName',
  'temperature',
  'maxTokens',
  'timeoutSeconds',
  'replyDelaySeconds',
  'replyToPrivate',
  'replyToGroups',
  'replyToChannels',
  'echoMode',
] as const satisfies readonly (keyof AiSettings)[];

/**
 * Resolves the configuration in force for one chat, and where each value came from.
 *
 * - Most fields: the account's value, else the global one, else the environment's.
 * - `systemPrompt`: the chat's custom prompt, else `defaultSystemPrompt` down the same layers.
 * - `enabled` is a switch at every level rather than an override: the environment, the global and
 *   the account settings can each turn AI off, and a chat in mode `disabled` is off. The source
 *   names the layer that turned it off (or the chat, when the chat forces it on).
 */
export function resolveAiConfig(layers: AiConfigLayers): {
  config: EffectiveAiConfig;
  sources: EffectiveAiConfigSources;
} {
  const sources = {} as EffectiveAiConfigSources;
  const pick = <K extends (typeof layeredFields)[number] | 'defaultSystemPrompt'>(field: K) => {
    for (const [source, layer] of [
      ['account', layers.account],
      ['global', layers.global],
    ] as const) {
      const value = layer?.[field];
      if (value !== undefined) return { value: value, source };
    }
    return { value: layers.environment[field] as AiSettings[K], source: 'environment' as const };
  };

  const config = {} as EffectiveAiConfig;
  for (const field of layeredFields) {
    const { value, source } = pick(field);
    (config as unknown as Record<string, unknown>)[field] = value;
    sources[field] = source;
  }

  const customPrompt = layers.chat?.customSystemPrompt;
  if (customPrompt) {
    config.systemPrompt = customPrompt;
    sources.systemPrompt = 'chat';
  } else {
    const { value, source } = pick('defaultSystemPrompt');
    config.systemPrompt = value;
    sources.systemPrompt = source;
  }

  resolveProvider(layers, config, sources);

  config.chatMode = layers.chat?.mode ?? 'inherit';
  sources.chatMode = layers.chat ? 'chat' : 'environment';

  const switchedOff = (
    [
      ['environment', layers.environment.enabled],
      ['global', layers.global?.enabled],
      ['account', layers.account?.enabled],
    ] as const
  ).find(([, enabled]) => enabled === false);
  if (switchedOff) {
    config.enabled = false;
    sources.enabled = switchedOff[0];
  } else if (config.chatMode === 'disabled') {
    config.enabled = false;
    sources.enabled = 'chat';
  } else {
    config.enabled = true;
    sources.enabled = config.chatMode === 'enabled' ? 'chat' : (pickEnabledSource(layers) ?? 'environment');
  }
  return { config, sources };
}

/** Two spellings of one base URL (`…/v1` and `…/v1/`) are the same provider. */
const sameBaseUrl = (a: string, b: string) =>
  new URL(a).href.replace(/\/+$/, '') === new URL(b).href.replace(/\/+$/, '');

/**
 * The key goes with the base URL, never field by field: the organization's own key (account, else
 * global layer) goes wherever the organization points; the service's key goes only to the service's
 * base URL, for the models the operator allows and at most `maxTokensLimit` tokens. An organization
 * that points elsewhere without a key of its own gets no key at all.
 */
function resolveProvider(layers: AiConfigLayers, config: EffectiveAiConfig, sources: EffectiveAiConfigSources) {
  const { environment } = layers;
  const atServiceBaseUrl = sameBaseUrl(config.baseUrl, environment.baseUrl);
  const ownKey = (
    [
      ['account', layers.account?.apiKey],
      ['global', layers.global?.apiKey],
    ] as const
  ).find(([, key]) => key !== undefined);
  const provider = (keyOwner: ResolvedProvider['keyOwner'], problem: ProviderProblem | null = null) =>
    (config.provider = { keyOwner, atServiceBaseUrl, problem });

  if (ownKey) {
    config.apiKey = ownKey[1];
    sources.apiKey = ownKey[0];
    return provider('organization');
  }
  config.apiKey = undefined;
  sources.apiKey = 'environment';
  if (!atServiceBaseUrl) {
    return provider(null, {
      code: 'provider_key_required',
      reason: 'base_url is not the service’s provider: set an api_key for it',
    });
  }
  if (!environment.apiKey) return provider(null, { code: 'no_api_key', reason: NO_API_KEY_REASON });
  if (environment.allowedModels && !environment.allowedModels.includes(config.modelName)) {
    return provider(null, {
      code: 'model_not_allowed',
      // No model name in the reason: it is a metric label, and organizations choose model names.
      reason: `model_name is not allowed with the service’s API key: set an api_key or choose one of ${environment.allowedModels.join(', ')}`,
    });
  }
  if (environment.maxTokensLimit !== undefined && config.maxTokens > environment.maxTokensLimit) {
    config.maxTokens = environment.maxTokensLimit;
    sources.maxTokens = 'environment';
  }
  config.apiKey = environment.apiKey;
  return provider('service');
}

function pickEnabledSource(layers: AiConfigLayers): AiConfigSource | undefined {
  if (layers.account?.enabled !== undefined) return 'account';
  if (layers.global?.enabled !== undefined) return 'global';
  return undefined;
}

export type ReplyDecision = { reply: true } | { reply: false; reason: string };

/**
 * Whether the AI answers a message in this chat, by the seed's rules: AI switched on at every
 * level, the chat not disabled, the contact not blocked, and the chat's type (private, group,
 * channel) allowed by `reply_to_*` unless the chat is explicitly `enabled`.
 */
export function decideReply(
  config: EffectiveAiConfig,
  chat: { type: ChatType; contactBlocked: boolean },
): ReplyDecision {
  if (!config.enabled) {
    return { reply: false, reason: config.chatMode === 'disabled' ? 'AI disabled for this chat' : 'AI disabled' };
  }
  if (chat.contactBlocked) return { reply: false, reason: 'contact is blocked' };
  if (config.chatMode === 'enabled') return { reply: true };
  const allowed = { private: config.replyToPrivate, group: config.replyToGroups, channel: config.replyToChannels }[
    chat.type
  ];
  return allowed ? { reply: true } : { reply: false, reason: `replies to ${chat.type} chats are off` };
}
