import { describe, expect, it } from 'vitest';
import {
  chatAiModes,
  decideReply,
  resolveAiConfig,
  type AiConfigLayers,
  type ChatAiMode,
  type EnvironmentAiSettings,
} from '../../src/domain/ai-config.js';

const environment: EnvironmentAiSettings = {
  enabled: true,
  baseUrl: 'https://env.example/v1',
  apiKey: 'sk-env',
  modelName: 'env-model',
  defaultSystemPrompt: 'env prompt',
  temperature: 0.1,
  maxTokens: 100,
  timeoutSeconds: 10,
  replyDelaySeconds: 0,
  replyToPrivate: true,
  replyToGroups: false,
  replyToChannels: false,
  echoMode: false,
};
const globalLayer = {
  baseUrl: 'https://global.example/v1',
  apiKey: 'sk-global',
  modelName: 'global-model',
  defaultSystemPrompt: 'global prompt',
  temperature: 0.5,
  maxTokens: 200,
  timeoutSeconds: 20,
  replyDelaySeconds: 2,
  replyToPrivate: false,
  replyToGroups: true,
  replyToChannels: true,
  echoMode: true,
};
const accountLayer = {
  baseUrl: 'https://account.example/v1',
  apiKey: 'sk-account',
  modelName: 'account-model',
  defaultSystemPrompt: 'account prompt',
  temperature: 0.9,
  maxTokens: 300,
  timeoutSeconds: 30,
  replyDelaySeconds: 5,
  replyToPrivate: true,
  replyToGroups: false,
  replyToChannels: false,
  echoMode: false,
};
const fields = Object.keys(globalLayer) as (keyof typeof globalLayer)[];
const layers = (overrides: Partial<AiConfigLayers>): AiConfigLayers => ({
  environment,
  global: null,
  account: null,
  chat: null,
  ...overrides,
});

describe('resolveAiConfig: every field falls through account → global → environment', () => {
  for (const field of fields.filter((f) => f !== 'defaultSystemPrompt')) {
    it.each([
      ['nothing set', null, null, environment[field], 'environment'],
      ['global only', true, null, globalLayer[field], 'global'],
      ['account only', null, true, accountLayer[field], 'account'],
      ['both', true, true, accountLayer[field], 'account'],
    ] as const)(`${field}: %s`, (_name, hasGlobal, hasAccount, expected, source) => {
      const { config, sources } = resolveAiConfig(
        layers({
          global: hasGlobal ? { [field]: globalLayer[field] } : null,
          account: hasAccount ? { [field]: accountLayer[field] } : null,
        }),
      );
      expect(config[field as keyof typeof config]).toEqual(expected);
      expect(sources[field as keyof typeof sources]).toBe(source);
    });
  }

  it('a layer that is present but leaves a field unset does not hide the next layer', () => {
    const { config, sources } = resolveAiConfig(layers({ global: { modelName: 'g' }, account: { temperature: 1 } }));
    expect([config.modelName, sources.modelName, config.temperature, sources.temperature]).toEqual([
      'g',
      'global',
      1,
      'account',
    ]);
    expect([config.maxTokens, sources.maxTokens]).toEqual([100, 'environment']);
  });

  it('leaves the API key undefined when no layer has one', () => {
    const { config, sources } = resolveAiConfig(layers({ environment: { ...environment, apiKey: undefined } }));
    expect(config.apiKey).toBeUndefined();
    expect(sources.apiKey).toBe('environment');
  });
});

describe('resolveAiConfig: system prompt', () => {
  it.each([
    [null, null, null, 'env prompt', 'environment'],
    ['global prompt', null, null, 'global prompt', 'global'],
    ['global prompt', 'account prompt', null, 'account prompt', 'account'],
    ['global prompt', 'account prompt', 'chat prompt', 'chat prompt', 'chat'],
    [null, null, 'chat prompt', 'chat prompt', 'chat'],
  ])('global %s, account %s, chat %s → %s', (g, a, c, expected, source) => {
    const { config, sources } = resolveAiConfig(
      layers({
        global: g ? { defaultSystemPrompt: g } : null,
        account: a ? { defaultSystemPrompt: a } : null,
        chat: c ? { mode: 'inherit', customSystemPrompt: c } : null,
      }),
    );
    expect(config.systemPrompt).toBe(expected);
    expect(sources.systemPrompt).toBe(source);
  });
});

describe('resolveAiConfig: enabled is a switch at every level', () => {
  const switches = [undefined, true, false] as const;
  const modes: (ChatAiMode | null)[] = [null, ...chatAiModes];
  const cases = [true, false].flatMap((env) =>
    switches.flatMap((g) => switches.flatMap((a) => modes.map((mode) => ({ env, g, a, mode })))),
  );

  it.each(cases)('environment $env, global $g, account $a, chat $mode', ({ env, g, a, mode }) => {
    const { config, sources } = resolveAiConfig(
      layers({
        environment: { ...environment, enabled: env },
        global: g === undefined ? null : { enabled: g },
        account: a === undefined ? null : { enabled: a },
        chat: mode ? { mode, customSystemPrompt: null } : null,
      }),
    );
    const expected = env && g !== false && a !== false && mode !== 'disabled';
    expect(config.enabled).toBe(expected);
    const expectedSource = !env
      ? 'environment'
      : g === false
        ? 'global'
        : a === false
          ? 'account'
          : mode === 'disabled' || mode === 'enabled'
            ? 'chat'
            : a !== undefined
              ? 'account'
              : g !== undefined
                ? 'global'
                : 'environment';
    expect(sources.enabled).toBe(expectedSource);
    expect(config.chatMode).toBe(mode ?? 'inherit');
  });
});

describe('decideReply', () => {
  const base = resolveAiConfig(layers({})).config;
  const chatTypes = ['private', 'group', 'channel'] as const;

  it.each(
    chatTypes.flatMap((type) =>
      [true, false].flatMap((allowed) =>
        (['inherit', 'enabled'] as const).map((chatMode) => ({ type, allowed, chatMode })),
      ),
    ),
  )('$type chat, reply_to allowed $allowed, chat mode $chatMode', ({ type, allowed, chatMode }) => {
    const config = {
      ...base,
      chatMode,
      replyToPrivate: type === 'private' ? allowed : !allowed,
      replyToGroups: type === 'group' ? allowed : !allowed,
      replyToChannels: type === 'channel' ? allowed : !allowed,
    };
    const decision = decideReply(config, { type, contactBlocked: false });
    if (allowed || chatMode === 'enabled') expect(decision).toEqual({ reply: true });
    else expect(decision).toEqual({ reply: false, reason: `replies to ${type} chats are off` });
  });

  it('never answers a blocked contact, even in an enabled chat', () => {
    expect(decideReply({ ...base, chatMode: 'enabled' }, { type: 'private', contactBlocked: true })).toEqual({
      reply: false,
      reason: 'contact is blocked',
    });
  });

  it('never answers when AI is off, naming a disabled chat', () => {
    expect(decideReply({ ...base, enabled: false }, { type: 'private', contactBlocked: false })).toEqual({
      reply: false,
      reason: 'AI disabled',
    });
    expect(
      decideReply({ ...base, enabled: false, chatMode: 'disabled' }, { type: 'private', contactBlocked: false }),
    ).toEqual({
      reply: false,
      reason: 'AI disabled for this chat',
    });
  });
});

describe('resolveAiConfig: the provider is one unit (base URL + key + allowed models)', () => {
  const service = { ...environment, allowedModels: ['env-model', 'cheap-model'], maxTokensLimit: 150 };
  const resolve = (global: AiConfigLayers['global'], account: AiConfigLayers['account'] = null) =>
    resolveAiConfig(layers({ environment: service, global, account })).config;

  it('sends the service key only to the service base URL (a trailing slash is the same URL)', () => {
    for (const global of [null, { modelName: 'cheap-model' }, { baseUrl: 'https://env.example/v1/' }]) {
      expect(resolve(global)).toMatchObject({ apiKey: 'sk-env', provider: { keyOwner: 'service', problem: null } });
    }
  });

  it.each([
    ['the organization', { baseUrl: 'https://evil.example/v1' }, null],
    ['an account', null, { baseUrl: 'https://evil.example/v1' }],
    [
      'an account, over a global layer with the service URL',
      { baseUrl: 'https://env.example/v1' },
      { baseUrl: 'https://evil.example/v1' },
    ],
  ])('%s pointing elsewhere without a key of its own gets no key at all', (_who, global, account) => {
    const config = resolve(global, account);
    expect(config.apiKey).toBeUndefined();
    expect(config.provider).toMatchObject({ keyOwner: null, problem: { code: 'provider_key_required' } });
  });

  it('the organization’s own key goes where the organization points, an account’s URL included', () => {
    expect(resolve({ apiKey: 'sk-org', baseUrl: 'https://own.example/v1' })).toMatchObject({
      apiKey: 'sk-org',
      provider: { keyOwner: 'organization', atServiceBaseUrl: false, problem: null },
    });
    expect(resolve({ apiKey: 'sk-org' }, { baseUrl: 'https://own.example/v1' })).toMatchObject({
      apiKey: 'sk-org',
      baseUrl: 'https://own.example/v1',
      provider: { keyOwner: 'organization' },
    });
  });

  it('the service key serves only the allowed models, with max_tokens bounded; an own key is not bound', () => {
    expect(resolve({ modelName: 'gpt-huge' })).toMatchObject({
      apiKey: undefined,
      provider: { problem: { code: 'model_not_allowed', reason: expect.stringContaining('env-model, cheap-model') } },
    });
    const bounded = resolveAiConfig(layers({ environment: service, global: { maxTokens: 4000 } }));
    expect([bounded.config.maxTokens, bounded.sources.maxTokens]).toEqual([150, 'environment']);
    expect(resolve({ modelName: 'gpt-huge', maxTokens: 4000, apiKey: 'sk-org' })).toMatchObject({
      apiKey: 'sk-org',
      modelName: 'gpt-huge',
      maxTokens: 4000,
      provider: { problem: null },
    });
  });

  it('no key anywhere at the service URL is `no_api_key`, as before', () => {
    const config = resolveAiConfig(layers({ environment: { ...service, apiKey: undefined } })).config;
    expect(config.provider.problem).toEqual({ code: 'no_api_key', reason: 'no API key configured' });
  });
});
