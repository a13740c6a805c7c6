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
